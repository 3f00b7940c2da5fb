package dev.toolkit.readme;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.tcp.TcpClient;
import dev.toolkit.tcp.TcpClientConfig;
import dev.toolkit.tcp.TcpConnection;
import dev.toolkit.tcp.TcpServer;
import dev.toolkit.tcp.lb.BalanceStrategy;
import dev.toolkit.tcp.lb.LoadBalancer;
import dev.toolkit.tcp.lb.LoadBalancerConfig;
import dev.toolkit.tcp.zen.ZenProtocol;
import dev.toolkit.tls.CertificateAuthority;
import dev.toolkit.tls.CertificateSpec;
import dev.toolkit.tls.ConnectionReport;
import dev.toolkit.tls.KeyAndCertificates;
import dev.toolkit.tls.TlsClientConfig;
import dev.toolkit.tls.TlsServerConfig;
import dev.toolkit.tls.TlsSession;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The README's toolkit-tcp and toolkit-tls examples; {@link ReadmeExamplesTest} runs them. */
final class TcpSnippets {

    private TcpSnippets() {
    }

    static RunningServer zenServer() {
        // README: tcp server
        RunningServer server = TcpServer.bind(ServerConfig.builder()
                .host("127.0.0.1").port(0).backlog(64)              // "" = every interface, "::1" = IPv6
                .architecture(Architecture.THREAD_POOL).threads(4)
                .maxConnectionsPerIp(16).idleTimeout(Duration.ofMinutes(1))
                .build(), new ZenProtocol());
        // README: end
        return server;
    }

    // README: tcp client
    static List<String> talk(String host, int port) {
        try (TcpClient client = TcpClient.create();
             TcpConnection c = client.connect(host, port, Framing.lines(1024))) {
            c.send("HELLO");                                      // a String through the line framer, CRLF-ended
            String reply = c.receive(String.class);               // exactly one line, without its end
            CompletableFuture<String> a = c.requestAsync("ONE", String.class);   // pipelined: answered in order
            CompletableFuture<String> b = c.requestAsync("TWO", String.class);
            return List.of(reply, a.join(), b.join());
        }
    }
    // README: end

    /** Prints what the TLS example's handshake gave. */
    static void tls() {
        // README: tls
        CertificateAuthority ca = CertificateAuthority.create("My CA");                 // BouncyCastle
        KeyAndCertificates cert = ca.issue(CertificateSpec.server("localhost").dns("localhost").ip("127.0.0.1"));
        TlsServerConfig tls = TlsServerConfig.builder().certificate(cert).alpn("h2", "http/1.1").build();
        RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().security(tls).build(), new ZenProtocol());

        TlsClientConfig client = TlsClientConfig.builder().trust(List.of(ca.certificate())).build(); // default: system trust store
        try (TcpClient tcp = TcpClient.open(TcpClientConfig.builder().tls(client).build());
             TcpConnection c = tcp.connect("localhost", server.localAddress().getPort())) {  // SNI and check: localhost
            ConnectionReport report = TlsSession.of(c.channel()).handshake().join(); // version, cipher, bits, peer
            System.out.println(report.protocol() + ", host name matches: " + report.hostNameMatches()); // chain, ALPN...
        }
        server.close();
        // README: end
    }

    /** The README's load balancer (not run: it listens on port 1060 until it is closed). */
    static void loadBalancer() throws InterruptedException {
        // README: load balancer
        LoadBalancerConfig config = LoadBalancerConfig.builder()
                .port(1060)
                .backend(new InetSocketAddress("127.0.0.1", 1061))
                .backend(new InetSocketAddress("127.0.0.1", 1062))
                .strategy(BalanceStrategy.LEAST_CONNECTIONS)           // or ROUND_ROBIN (the default)
                .build();
        try (LoadBalancer lb = LoadBalancer.bind(config)) {
            lb.awaitClosed();
        }
        // README: end
    }
}

package dev.toolkit.readme;

import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.DnsClientConfig;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.dns.record.MxRecord;
import dev.toolkit.core.framing.Framer;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.names.AddrInfo;
import dev.toolkit.core.names.AddrInfoFlag;
import dev.toolkit.core.names.AddressFamily;
import dev.toolkit.core.names.AddressResolver;
import dev.toolkit.core.names.SocketType;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.ClientAddress;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.NamedProtocol;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import dev.toolkit.tcp.TcpClient;
import dev.toolkit.tcp.TcpClientConfig;
import dev.toolkit.tcp.TcpConnection;
import io.netty.channel.Channel;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/** The README's toolkit-core examples; {@link ReadmeExamplesTest} runs them. */
final class CoreSnippets {

    private CoreSnippets() {
    }

    /** The multi-process server of the README (not run: it binds worker processes to a spool under /var). */
    static RunningServer<ConnectionMetrics> multiProcess() {
        // README: multi-process server
        ServerConfig config = ServerConfig.builder().architecture(Architecture.MULTI_PROCESS).processes(4).build();
        RunningServer<ConnectionMetrics> server = Servers.start(config, NamedProtocol.of(SpoolingLines.class, "/var/spool/toolkit"));
        // README: end
        return server;
    }

    // README: client
    static String hello(String host, int port) {
        try (TcpClient client = TcpClient.open(TcpClientConfig.builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30)).build());
             TcpConnection connection = client.connect(host, port, Framing.lines(1024))) {
            connection.send("HELLO");
            return connection.receive(String.class);
        }
    }
    // README: end

    // README: names and dns
    static List<AddrInfo> lookUp(String server) {                            // "127.0.0.1:5353", say
        try (DnsClient dns = DnsClient.create(DnsClientConfig.builder()
                .servers(List.of(DnsClientConfig.parseServer(server)))       // or DnsClientConfig.system()
                .build())) {
            List<MxRecord> mx = dns.query("example.test", RecordType.MX).records(MxRecord.class);
            System.out.println("mail for example.test goes to " + mx);
            AddressResolver names = AddressResolver.system(dns);              // /etc/hosts, then DNS
            return names.getaddrinfo("www.example.test", "www", AddressFamily.ANY,
                    SocketType.STREAM, EnumSet.of(AddrInfoFlag.CANONNAME));
        }
    }
    // README: end

    static Framer smtpLines() {
        // README: strict lines
        Framer smtp = Framing.lines(998).strictCrlf().deliverMalformedLines();
        // in the handler: if (msg instanceof MalformedLine) { reply 500, keep the connection }
        // README: end
        return smtp;
    }

    static SocketAddress clientOf(Channel channel) {
        // README: client address
        SocketAddress client = ClientAddress.of(channel);   // the proxied client, else channel.remoteAddress()
        // README: end
        return client;
    }
}

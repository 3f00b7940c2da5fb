package dev.toolkit.tls;

import dev.toolkit.core.client.ClientConfig;
import dev.toolkit.core.client.Connector;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.TlsException;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.pipeline.ProxyProtocol;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import dev.toolkit.tcp.TcpClient;
import dev.toolkit.tcp.TcpClientConfig;
import dev.toolkit.tcp.TcpConnection;
import dev.toolkit.testing.Peers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * TLS as the security stage of the one connection pipeline, on loopback against peers nobody here wrote:
 * Python's {@code ssl} module and {@code openssl s_client} (behind HAProxy, which sends the PROXY header) as
 * clients of toolkit servers, {@code openssl s_server} as the server of toolkit clients.
 *
 * <p>The full matrix (PROXY v1 and v2, both providers) runs on EVENT_LOOP; the combined scenario (PROXY v2,
 * TLS, per-address limit, graceful shutdown in the middle of an exchange) under every other architecture, the
 * providers alternating.
 */
class TlsPipelineIT {

    private static final long DEADLINE_MILLIS = 30_000;

    @TempDir
    static Path dir;
    static CertificateAuthority ca;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void certificates() throws IOException {
        ca = CertificateAuthority.create("Pipeline CA");
        KeyAndCertificates localhost = ca.issue(CertificateSpec.server("localhost").dns("localhost")
                .ip("127.0.0.1"));
        Pem.write(dir.resolve("ca.pem"), Pem.certificates(List.of(ca.certificate())));
        Pem.write(dir.resolve("localhost.crt"), Pem.certificates(localhost.chain()));
        Pem.write(dir.resolve("localhost.key"), Pem.privateKey(localhost.key(), null));
        try (InputStream script = TlsPipelineIT.class.getResourceAsStream("tls_line_client.py")) {
            Files.write(dir.resolve("tls_line_client.py"), script.readAllBytes());
        }
    }

    @AfterEach
    void stopPeers() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static Path file(String name) {
        return dir.resolve(name);
    }

    private static TlsServer tlsServer(TlsProvider provider) {
        return TlsServer.builder().provider(provider)
                .certificateFiles(file("localhost.crt"), file("localhost.key"), null).build();
    }

    private static TlsClient tlsClient(TlsProvider provider) {
        return TlsClient.builder().provider(provider).trust(List.of(ca.certificate())).build();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of(Architecture.EVENT_LOOP, "v1", TlsProvider.JDK),
                Arguments.of(Architecture.EVENT_LOOP, "v1", TlsProvider.OPENSSL),
                Arguments.of(Architecture.EVENT_LOOP, "v2", TlsProvider.JDK),
                Arguments.of(Architecture.EVENT_LOOP, "v2", TlsProvider.OPENSSL),
                Arguments.of(Architecture.SINGLE_CLIENT, "v2", TlsProvider.JDK),
                Arguments.of(Architecture.THREAD_POOL, "v2", TlsProvider.OPENSSL),
                Arguments.of(Architecture.SELECTOR, "v2", TlsProvider.JDK),
                Arguments.of(Architecture.MULTI_PROCESS, "v2", TlsProvider.OPENSSL));
    }

    @ParameterizedTest(name = "{0}, PROXY {1}, {2}")
    @MethodSource("scenarios")
    void proxyHeaderThenTlsThenLimitsThenAGracefulShutdownMidExchange(Architecture architecture, String proxy,
                                                                      TlsProvider provider) throws Exception {
        ServerConfig config = ServerConfig.builder().architecture(architecture).processes(1)
                .proxyProtocol(ProxyProtocol.REQUIRED).maxConnectionsPerIp(1).security(tlsServer(provider))
                .name("tls-" + architecture.name().toLowerCase()).build();
        RunningServer server = Servers.start(config, new WhoProtocol());
        try {
            int port = server.localAddress().getPort();

            // openssl s_client behind HAProxy, which sends the header: the server sees s_client's own address.
            int front = haproxy(port, proxy);
            String answer = sClientAsks(front, "who");
            assertTrue(answer.matches("127\\.0\\.0\\.1:\\d+ TLSv1\\.[23]"), answer);

            // Python's ssl, the header sent by the script itself.
            PythonClient first = python(port, proxy + ":203.0.113.7:40001");
            assertTrue(first.line().startsWith("ready TLSv1."), first.lastLine);
            assertEquals("203.0.113.7:40001 " + first.lastLine.substring(6), first.ask("who"));
            if (architecture == Architecture.SINGLE_CLIENT) {
                // One client at a time: the address's one place is given back when the connection ends.
                assertEquals("closed", first.ask("close"));
                first = python(port, proxy + ":203.0.113.7:40002");
                assertTrue(first.line().startsWith("ready"), first.lastLine);
            } else {
                // The per-address limit counts the header's address: a second connection from it is refused
                // before its handshake, one from another address is served.
                PythonClient second = python(port, proxy + ":203.0.113.7:40002");
                assertTrue(second.line().startsWith("refused"), second.lastLine);
                PythonClient other = python(port, proxy + ":198.51.100.9:40003");
                assertTrue(other.line().startsWith("ready"), other.lastLine);
                assertTrue(other.ask("who").startsWith("198.51.100.9:40003 TLSv1."), other.lastLine);
                assertEquals("closed", other.ask("close"));
            }

            // A graceful shutdown waits for the exchange in progress, then closes the connection.
            assertEquals("holding", first.ask("hold"));
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(
                    () -> server.closeGracefully(Duration.ofSeconds(20)));
            awaitRefused(port);
            assertEquals("released", first.ask("release"));
            assertTrue(first.ask("wait").startsWith("eof"), first.lastLine);
            stopping.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            server.close();
        }
    }

    /**
     * STARTTLS inserts TLS at the security stage of the toolkit's pipeline: the plaintext pipelined behind the
     * command is discarded, and the conversation goes on over TLS with the same protocol handlers.
     */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"EVENT_LOOP", "THREAD_POOL"})
    void startTlsUpgradesTheSamePipelineAndDiscardsThePipelinedPlaintext(Architecture architecture)
            throws Exception {
        TlsServer tls = tlsServer(TlsProvider.JDK);
        List<Integer> discarded = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProtocolDefinition startTlsWho = channel -> {
            StartTlsHandler startTls = new StartTlsHandler(() -> new LineBasedFrameDecoder(256));
            channel.pipeline().addLast(startTls, new SimpleChannelInboundHandler<ByteBuf>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                    String command = line.toString(StandardCharsets.US_ASCII);
                    if (command.equals("STARTTLS")) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer("220 go ahead\n", StandardCharsets.US_ASCII));
                        discarded.add(startTls.upgrade(tls).discardedBytes());
                    } else {
                        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                        String answer = command + " " + (ssl == null ? "plaintext"
                                : ssl.engine().getSession().getProtocol());
                        ctx.writeAndFlush(Unpooled.copiedBuffer(answer + "\n", StandardCharsets.US_ASCII));
                    }
                }
            });
        };
        try (RunningServer server = Servers.start(ServerConfig.builder().architecture(architecture).build(),
                startTlsWho)) {
            PythonClient client = python(server.localAddress().getPort(), "starttls");
            assertEquals("plaintext 220 go ahead", client.line());
            assertTrue(client.line().startsWith("ready TLSv1."), client.lastLine);
            assertTrue(client.ask("who").matches("who TLSv1\\.[23]"), client.lastLine);
            assertEquals(List.of(4), discarded, "the pipelined \"who\\n\" was discarded, not answered");
            assertEquals("closed", client.ask("close"));
        }
    }

    /** Stalled handshakes (the client sends nothing) are cut at the handshake time-out and logged as failures. */
    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void aStalledHandshakeIsCutAndCountedAsATlsFailure(TlsProvider provider) throws Exception {
        TlsServer tls = TlsServer.builder().provider(provider).handshakeTimeout(Duration.ofMillis(300))
                .certificateFiles(file("localhost.crt"), file("localhost.key"), null).build();
        try (RunningServer server = Servers.start(ServerConfig.builder().security(tls).build(), new WhoProtocol());
             Socket stalled = new Socket()) {
            stalled.setSoTimeout((int) DEADLINE_MILLIS);
            stalled.connect(server.localAddress());
            assertEquals(-1, stalled.getInputStream().read(), "the server closed the stalled connection");
            long end = System.currentTimeMillis() + DEADLINE_MILLIS;
            while (server.metrics().errors(ErrorKind.TLS) == 0 && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            assertEquals(1, server.metrics().errors(ErrorKind.TLS));
            assertEquals(0, server.metrics().connectionsTotal(), "the protocol never saw the connection");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void tcpClientWithTlsTalksToAToolkitTlsServer(TlsProvider provider) throws Exception {
        try (RunningServer server = Servers.start(ServerConfig.builder().security(tlsServer(provider)).build(),
                new WhoProtocol());
             TcpClient client = TcpClient.open(TcpClientConfig.builder().tls(tlsClient(provider)).build())) {
            // The connect call's host is the name verified and sent as SNI; the connection is ready when returned.
            try (TcpConnection connection = client.connect("localhost", server.localAddress().getPort())) {
                assertTrue(TlsSession.of(connection.channel()).handshake().isDone());
                connection.sendAll("who\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(connection.receiveUntil((byte) '\n', 256), StandardCharsets.US_ASCII);
                assertTrue(answer.matches("127\\.0\\.0\\.1:" + connection.localAddress().getPort()
                        + " TLSv1\\.[23]\n"), answer);
            }
        }
    }

    @Test
    void aFailedHandshakeFailsTheConnectWithTheTlsException() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("Stranger CA");
        TlsClient distrustful = TlsClient.builder().trust(List.of(stranger.certificate())).build();
        try (RunningServer server = Servers.start(ServerConfig.builder().security(tlsServer(TlsProvider.JDK))
                .build(), new WhoProtocol());
             Connector connector = Connector.create(ClientConfig.builder().security(distrustful).build())) {
            CompletionException e = assertThrows(CompletionException.class, () -> connector.connect("127.0.0.1",
                    server.localAddress().getPort(), ch -> { }).join());
            assertInstanceOf(TlsException.class, e.getCause(), String.valueOf(e.getCause()));
            assertEquals(1, connector.metrics().errors(ErrorKind.TLS));
            assertEquals(0, connector.metrics().connectionsTotal());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void tcpClientWithTlsTalksToOpensslSServer(TlsProvider provider) throws Exception {
        int port = RealPeersIT.sServer(started, file("localhost.crt"), file("localhost.key"), "-rev");
        try (TcpClient client = TcpClient.open(TcpClientConfig.builder().tls(tlsClient(provider)).build());
             TcpConnection connection = client.connect("localhost", port)) {
            connection.sendAll("pipeline\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("enilepip\n", new String(connection.receiveUntil((byte) '\n', 256),
                    StandardCharsets.US_ASCII));
        }
    }

    // ---- peers

    /** The Python client of {@code tls_line_client.py}, driven line by line. */
    private final class PythonClient {
        final Process process;
        final BufferedReader out;
        final OutputStream in;
        String lastLine;

        PythonClient(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            this.in = process.getOutputStream();
        }

        String line() throws Exception {
            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            lastLine = next.get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            if (lastLine == null) {
                fail("the Python client ended: " + new String(process.getErrorStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
            return lastLine;
        }

        void send(String command) throws IOException {
            in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        }

        String ask(String command) throws Exception {
            send(command);
            return line();
        }
    }

    private PythonClient python(int port, String proxy) throws IOException {
        String python = Peers.require("python3", "python3");
        Process p = new ProcessBuilder(python, file("tls_line_client.py").toString(), String.valueOf(port),
                file("ca.pem").toString(), proxy).start();
        started.add(p);
        return new PythonClient(p);
    }

    /** HAProxy in TCP mode in front of {@code backendPort}, sending the PROXY header; returns its port. */
    private int haproxy(int backendPort, String version) throws Exception {
        String haproxy = Peers.require("haproxy", "haproxy");
        int front = freePort();
        int probe = freePort();
        Path config = file("haproxy-" + front + ".cfg");
        Files.writeString(config, String.join("\n",
                "defaults",
                "    mode tcp",
                "    timeout connect 5s",
                "    timeout client 30s",
                "    timeout server 30s",
                // Probed for readiness: a probe of the real frontend would open a backend connection that
                // counts against the per-address limit.
                "frontend probe",
                "    bind 127.0.0.1:" + probe,
                "    tcp-request connection reject",
                "frontend front",
                "    bind 127.0.0.1:" + front,
                "    default_backend toolkit",
                "backend toolkit",
                "    server toolkit 127.0.0.1:" + backendPort + (version.equals("v1") ? " send-proxy" : " send-proxy-v2"),
                ""));
        Process p = new ProcessBuilder(haproxy, "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(file("haproxy-" + front + ".log").toFile()).start();
        started.add(p);
        long end = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (System.currentTimeMillis() < end) {
            if (!p.isAlive()) {
                fail("haproxy exited with " + p.exitValue() + ": " + Files.readString(file("haproxy-" + front + ".log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", probe), 1000);
                return front;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("haproxy did not listen on " + front);
    }

    /** {@code openssl s_client} sends {@code line} and returns the answer line. */
    private String sClientAsks(int port, String line) throws Exception {
        String openssl = Peers.require("openssl", "openssl");
        Process p = new ProcessBuilder(openssl, "s_client", "-connect", "127.0.0.1:" + port, "-servername",
                "localhost", "-verify_hostname", "localhost", "-CAfile", file("ca.pem").toString(),
                "-verify_return_error", "-quiet").redirectError(file("s_client-" + port + ".log").toFile()).start();
        started.add(p);
        p.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String answer = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        if (answer == null) {
            fail("openssl s_client got no answer: " + Files.readString(file("s_client-" + port + ".log")));
        }
        return answer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Waits until the server no longer accepts: its drain has begun. */
    private static void awaitRefused(int port) throws Exception {
        long end = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (System.currentTimeMillis() < end) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException closingMeanwhile) {
                // Connected while the listener was closing: the kernel resets what it had queued. Ask again.
            }
            Thread.sleep(20);
        }
        fail("the server still accepts connections on " + port);
    }
}

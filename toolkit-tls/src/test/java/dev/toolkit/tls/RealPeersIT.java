package dev.toolkit.tls;

import dev.toolkit.core.error.TlsException;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both providers against peers nobody here wrote: Debian's {@code openssl s_server} / {@code s_client} and
 * Python's {@code ssl} module, on loopback, for every check: success, TLS 1.1-only peers refused, expired
 * certificate, wrong host name, client certificate required but missing, SNI selection.
 */
class RealPeersIT {

    static CertificateAuthority ca;
    static KeyAndCertificates localhost;
    static KeyAndCertificates other;

    @TempDir
    static Path dir;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        ca = CertificateAuthority.create("Peers CA");
        localhost = ca.issue(CertificateSpec.server("localhost").dns("localhost").keyType(KeyType.RSA));
        other = ca.issue(CertificateSpec.server("other.test").dns("other.test"));
        PeerFiles.write(dir, ca, List.of("localhost", "other"), List.of(localhost, other));
    }

    @AfterEach
    void stop() throws InterruptedException {
        PeerFiles.stop(started);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code openssl s_server} on 127.0.0.1 and waits until it accepts. */
    private int sServer(String... extra) throws IOException {
        return sServer(started, dir.resolve("localhost.crt"), dir.resolve("localhost.key"), extra);
    }

    /** Starts {@code openssl s_server} on 127.0.0.1 with a certificate and key, adding it to {@code started}. */
    static int sServer(List<Process> started, Path cert, Path key, String... extra) throws IOException {
        String openssl = Peers.require("openssl", "openssl");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", cert.toString(), "-key", key.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ACCEPT")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe flowing
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("openssl s_server did not start: " + cmd);
    }

    /** Runs {@code openssl s_client} with stdin closed and returns its exit status and output. */
    private static Result sClient(int port, String... extra) throws IOException, InterruptedException {
        String openssl = Peers.require("openssl", "openssl");
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port,
                "-CAfile", file("ca.pem")));
        cmd.addAll(List.of(extra));
        return run(cmd);
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "peer hung: " + cmd);
        return new Result(p.exitValue(), out);
    }

    private static TlsClientConfig client(TlsProvider p) {
        return TlsClientConfig.builder().provider(p).trust(List.of(ca.certificate())).build();
    }

    private static TlsException handshakeFailure(TlsSession s) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> s.handshake().get(Loopback.WAIT, TimeUnit.SECONDS));
        return assertInstanceOf(TlsException.class, e.getCause());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void ourClientAgainstOpensslServer(TlsProvider p) throws Exception {
        int port = sServer();
        try (Loopback net = new Loopback(); Loopback.Client c = net.connect(client(p), "localhost", port)) {
            ConnectionReport r = c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS);
            assertEquals("TLSv1.3", r.protocol());
            assertEquals("localhost", r.peer().orElseThrow().subject());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void opensslServerOfferingOnlyTls11IsRefused(TlsProvider p) throws Exception {
        // OpenSSL 3 refuses TLS 1.1 at its default security level: level 0 lets the old server run at all
        int port = sServer("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
        try (Loopback net = new Loopback(); Loopback.Client c = net.connect(client(p), "localhost", port)) {
            TlsException e = handshakeFailure(c.session);
            assertEquals(TlsException.Check.PROTOCOL_VERSION, e.check(), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void wrongNameExpiredAndMissingClientCertificateFromOpensslServer(TlsProvider p) throws Exception {
        try (Loopback net = new Loopback()) {
            int port = sServer();
            try (Loopback.Client c = net.connect(client(p), "127.0.0.1", port)) {
                assertEquals(TlsException.Check.HOST_NAME, handshakeFailure(c.session).check());
            }
            int expired = sServer("-cert", file("expired.crt"), "-key", file("expired.key"));
            try (Loopback.Client c = net.connect(client(p), "localhost", expired)) {
                assertEquals(TlsException.Check.EXPIRED, handshakeFailure(c.session).check());
            }
            int mutual = sServer("-Verify", "1", "-CAfile", file("ca.pem"));
            try (Loopback.Client c = net.connect(client(p), "localhost", mutual)) {
                TlsException e = c.session.failure().get(Loopback.WAIT, TimeUnit.SECONDS);
                assertEquals(TlsException.Check.CLIENT_CERTIFICATE, e.check(), String.valueOf(e));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void opensslServerChoosesTheCertificateBySni(TlsProvider p) throws Exception {
        int port = sServer("-servername", "other.test", "-cert2", file("other.crt"), "-key2", file("other.key"));
        try (Loopback net = new Loopback(); Loopback.Client c = net.connect(client(p), "other.test", port)) {
            assertEquals("other.test", c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS)
                    .peer().orElseThrow().subject());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void opensslClientAgainstOurServer(TlsProvider p) throws Exception {
        TlsServerConfig tls = TlsServerConfig.builder().provider(p).certificate(localhost).certificate("other.test", other)
                .build();
        try (Loopback net = new Loopback()) {
            int port = net.serve(tls);
            Result ok = sClient(port, "-servername", "localhost", "-verify_hostname", "localhost",
                    "-verify_return_error", "-brief");
            assertEquals(0, ok.status(), ok.output());
            assertTrue(ok.output().contains("Verification: OK"), ok.output());
            assertTrue(ok.output().contains("Protocol version: TLSv1.3"), ok.output());
            assertEquals("localhost", net.serverSessions.take().handshake().get(Loopback.WAIT, TimeUnit.SECONDS)
                    .serverName());
            Result sni = sClient(port, "-servername", "other.test", "-verify_hostname", "other.test",
                    "-verify_return_error", "-brief");
            assertTrue(sni.output().contains("other.test"), sni.output());
            net.serverSessions.take();
            Result old = sClient(port, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
            assertNotEquals(0, old.status(), old.output());
            TlsException e = handshakeFailure(net.serverSessions.take());
            assertEquals(TlsException.Check.PROTOCOL_VERSION, e.check(), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void opensslClientWithoutCertificateIsNamedOnOurServer(TlsProvider p) throws Exception {
        TlsServerConfig tls = TlsServerConfig.builder().provider(p).certificate(localhost).clientAuth(ClientAuth.REQUIRE)
                .trust(List.of(ca.certificate())).build();
        try (Loopback net = new Loopback()) {
            int port = net.serve(tls);
            sClient(port, "-servername", "localhost");
            TlsException e = handshakeFailure(net.serverSessions.take());
            assertEquals(TlsException.Check.CLIENT_CERTIFICATE, e.check(), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void pythonSslAgainstOurServer(TlsProvider p) throws Exception {
        String python = Peers.require("python3", "python3");
        TlsServerConfig tls = TlsServerConfig.builder().provider(p).certificate(localhost).build();
        Path script = dir.resolve("client.py");
        Files.writeString(script, String.join("\n",
                "import socket, ssl, sys",
                "host, port, cafile = sys.argv[1], int(sys.argv[2]), sys.argv[3]",
                "context = ssl.create_default_context(cafile=cafile)",
                "raw = socket.create_connection(('127.0.0.1', port))",
                "try:",
                "    s = context.wrap_socket(raw, server_hostname=host)",
                "except ssl.SSLCertVerificationError as e:",
                "    print('verify failed:', e.verify_message)",
                "    sys.exit(1)",
                "s.sendall(b'ping')",
                "print(s.version(), s.recv(4).decode())",
                ""));
        try (Loopback net = new Loopback()) {
            int port = net.serve(tls);
            Result ok = run(List.of(python, script.toString(), "localhost", String.valueOf(port), file("ca.pem")));
            assertEquals(0, ok.status(), ok.output());
            assertEquals("TLSv1.3 ping", ok.output().strip());
            Result ip = run(List.of(python, script.toString(), "127.0.0.1", String.valueOf(port), file("ca.pem")));
            assertEquals(1, ip.status(), ip.output());
            assertTrue(ip.output().contains("IP address mismatch"), ip.output());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void ourClientAgainstPythonServer(TlsProvider p) throws Exception {
        String python = Peers.require("python3", "python3");
        Path script = dir.resolve("server.py");
        Files.writeString(script, String.join("\n",
                "import socket, ssl, sys",
                "context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)",
                "context.load_cert_chain(sys.argv[1], sys.argv[2])",
                "listener = socket.create_server(('127.0.0.1', 0))",
                "print(listener.getsockname()[1], flush=True)",
                "raw, address = listener.accept()",
                "s = context.wrap_socket(raw, server_side=True)",
                "s.sendall(b'Simple is better than complex.')",
                "s.close()",
                ""));
        Process server = new ProcessBuilder(python, script.toString(), file("localhost.crt"), file("localhost.key"))
                .redirectErrorStream(true).start();
        started.add(server);
        int port = Integer.parseInt(new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8)).readLine().strip());
        try (Loopback net = new Loopback(); Loopback.Client c = net.connect(client(p), "localhost", port)) {
            assertEquals("TLSv1.3", c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS).protocol());
            assertEquals("Simple is better than complex.", c.received.poll(Loopback.WAIT, TimeUnit.SECONDS));
        }
    }
}

package dev.toolkit.tls;

import dev.toolkit.core.error.TlsException;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert a toolkit client sends when it rejects a server's certificate, as {@code openssl s_server -msg}
 * prints it ({@code <<< TLS 1.3, Alert [length 0002], fatal bad_certificate}), for both providers and both
 * versions (the table of the README's toolkit-tls section); and how a toolkit server reports the alerts that
 * {@code openssl s_client} sends it, a peer that stops mid-handshake, and bytes that are not TLS.
 */
class AlertsIT {

    private static final Pattern ALERT = Pattern.compile("^<<< (TLS 1\\.[23]), Alert \\[length 0002\\], fatal (\\w+)");

    static CertificateAuthority ca;
    static KeyAndCertificates localhost;

    @TempDir
    static Path dir;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        ca = CertificateAuthority.create("Alerts CA");
        localhost = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
        PeerFiles.write(dir, ca, List.of("localhost"), List.of(localhost));
    }

    @AfterEach
    void stop() throws InterruptedException {
        PeerFiles.stop(started);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    /** One {@code openssl s_server -msg}: its port and the lines it prints. */
    private record MsgServer(int port, BlockingQueue<String> lines) {
        /** The name of the first fatal alert the server received, e.g. {@code TLS 1.3 bad_certificate}. */
        String alertReceived() throws InterruptedException {
            for (String line = lines.poll(Loopback.WAIT, TimeUnit.SECONDS); line != null;
                 line = lines.poll(Loopback.WAIT, TimeUnit.SECONDS)) {
                Matcher m = ALERT.matcher(line);
                if (m.find()) {
                    return m.group(1) + " " + m.group(2);
                }
            }
            return "no alert";
        }
    }

    private MsgServer sServer(String certificate, String version) throws IOException, InterruptedException {
        String openssl = Peers.require("openssl", "openssl");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(openssl, "s_server", "-accept", "127.0.0.1:" + port, "-msg", version,
                "-cert", file(certificate + ".crt"), "-key", file(certificate + ".key"))
                .redirectErrorStream(true).start();
        started.add(p);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ACCEPT")) {
                Thread reader = new Thread(() -> {
                    try {
                        for (String l = out.readLine(); l != null; l = out.readLine()) {
                            lines.add(l);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                });
                reader.setDaemon(true);
                reader.start();
                return new MsgServer(port, lines);
            }
        }
        throw new IllegalStateException("openssl s_server did not start");
    }

    private static TlsException handshakeFailure(TlsSession s) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> s.handshake().get(Loopback.WAIT, TimeUnit.SECONDS));
        return assertInstanceOf(TlsException.class, e.getCause());
    }

    /** What the client sends for {@code case}: connects, expects the handshake to fail, reads the alert. */
    private String alertFor(TlsProvider p, String version, String certificate, String host, boolean trusting)
            throws Exception {
        MsgServer server = sServer(certificate, version);
        TlsClientConfig.Builder b = TlsClientConfig.builder().provider(p);
        if (trusting) {
            b.trust(List.of(ca.certificate()));
        }
        try (Loopback net = new Loopback(); Loopback.Client c = net.connect(b.build(), host, server.port())) {
            handshakeFailure(c.session);
            return server.alertReceived();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void clientSendsTheTablesAlerts(TlsProvider p) throws Exception {
        List<String> got = new ArrayList<>();
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            got.add(alertFor(p, version, "localhost", "127.0.0.1", true));
            got.add(alertFor(p, version, "localhost", "localhost", false));
            got.add(alertFor(p, version, "expired", "localhost", true));
        }
        List<String> expected = p == TlsProvider.OPENSSL
                ? List.of("TLS 1.3 bad_certificate", "TLS 1.3 unknown_ca", "TLS 1.3 certificate_expired",
                        "TLS 1.2 bad_certificate", "TLS 1.2 unknown_ca", "TLS 1.2 certificate_expired")
                : List.of("TLS 1.3 certificate_unknown", "TLS 1.3 certificate_unknown", "TLS 1.3 certificate_unknown",
                        "TLS 1.2 bad_certificate", "TLS 1.2 certificate_unknown", "TLS 1.2 certificate_expired");
        assertEquals(expected, got, "alerts for name mismatch, untrusted issuer, expired; TLS 1.3 then 1.2");
    }

    /** Runs {@code openssl s_client} with stdin closed, as a client that rejects our server's certificate. */
    private static void sClient(int port, String... extra) throws IOException, InterruptedException {
        String openssl = Peers.require("openssl", "openssl");
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-verify_return_error"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl s_client hung");
    }

    private static TlsServerConfig server(TlsProvider p, KeyAndCertificates identity) {
        return TlsServerConfig.builder().provider(p).certificate(identity).build();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void serverNamesTheCheckTheClientRejected(TlsProvider p) throws Exception {
        KeyAndCertificates expired = ca.issue(CertificateSpec.server("localhost").dns("localhost")
                .notBefore(Instant.now().minus(Duration.ofDays(5))).validity(Duration.ofDays(1)));
        List<TlsException.Check> got = new ArrayList<>();
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            try (Loopback net = new Loopback()) {
                int port = net.serve(server(p, localhost));
                sClient(port, version, "-CAfile", file("ca.pem"), "-verify_hostname", "other.test");
                got.add(handshakeFailure(net.serverSessions.take()).check());
                sClient(port, version);
                got.add(handshakeFailure(net.serverSessions.take()).check());
            }
            try (Loopback net = new Loopback()) {
                int port = net.serve(server(p, expired));
                sClient(port, version, "-CAfile", file("ca.pem"));
                got.add(handshakeFailure(net.serverSessions.take()).check());
            }
        }
        List<TlsException.Check> once = List.of(TlsException.Check.HOST_NAME, TlsException.Check.ISSUER,
                TlsException.Check.EXPIRED);
        assertEquals(List.of(once.get(0), once.get(1), once.get(2), once.get(0), once.get(1), once.get(2)), got,
                "name mismatch, untrusted issuer, expired; TLS 1.3 then 1.2");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void serverReportsAClientThatStopsShortAndBytesThatAreNotTls(TlsProvider p) throws Exception {
        try (Loopback net = new Loopback()) {
            int port = net.serve(server(p, localhost));
            try (Socket raw = new Socket("127.0.0.1", port)) {
                OutputStream out = raw.getOutputStream();
                // the first 9 bytes of a ClientHello record: header, type, and a length it never fills
                out.write(new byte[] {22, 3, 1, 0, (byte) 200, 1, 0, 0, (byte) 196});
                out.flush();
            }
            TlsException cut = handshakeFailure(net.serverSessions.take());
            assertTrue(cut.getMessage().contains("the client closed the connection during the handshake"),
                    cut.getMessage());
            try (Socket raw = new Socket("127.0.0.1", port)) {
                raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                raw.getOutputStream().flush();
                raw.getInputStream().read();
            }
            TlsException notTls = handshakeFailure(net.serverSessions.take());
            assertTrue(notTls.getMessage().contains("the client sent bytes that are not TLS: b'GET / HTTP"),
                    notTls.getMessage());
            // random bytes whose first is the alert record type: still not TLS, not "the client sent alert"
            try (Socket raw = new Socket("127.0.0.1", port)) {
                raw.getOutputStream().write(new byte[] {21, 110, 110, 110, 110, 110, 110, 110});
                raw.getOutputStream().flush();
                raw.getInputStream().read();
            }
            TlsException alertLike = handshakeFailure(net.serverSessions.take());
            assertTrue(alertLike.getMessage().contains("not TLS"), alertLike.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void clientReportsAServerThatStopsShort(TlsProvider p) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Loopback net = new Loopback()) {
            Thread closer = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the test fails on the client's side
                }
            });
            closer.start();
            try (Loopback.Client c = net.connect(TlsClientConfig.builder().provider(p).trust(List.of(ca.certificate()))
                    .build(), "localhost", listener.getLocalPort())) {
                TlsException e = handshakeFailure(c.session);
                assertTrue(e.getMessage().contains("the server closed the connection during the handshake"),
                        e.getMessage());
            }
            closer.join(10_000);
        }
    }
}

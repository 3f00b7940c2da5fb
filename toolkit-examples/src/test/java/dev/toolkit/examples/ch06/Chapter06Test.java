package dev.toolkit.examples.ch06;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.tour.ListingRun;
import dev.toolkit.tls.ConnectionReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chapter's listings in this JVM: command-line errors, and the failure cases' reports. */
class Chapter06Test {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static Path dir;

    @BeforeAll
    static void certificates() throws IOException {
        dir = Chapter06Demos.certificates();
    }

    @AfterAll
    static void clean() throws IOException {
        for (String f : new String[] {"ca.pem", "localhost.pem"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
    }

    static ListingRun run(String listing, String label, String... args) {
        return ListingRun.start(Catalog.find("ch06", listing).orElseThrow(), label, null, List.of(args));
    }

    static String file(String name) {
        return dir.resolve(name).toString();
    }

    /** Starts {@code listing} as a server on 127.0.0.1 and returns it with its port. */
    static int port(ListingRun server) throws InterruptedException {
        Pattern p = Pattern.compile(".*(?:and port |listening\\.* \\('127\\.0\\.0\\.1', )(\\d+)\\)?");
        Matcher m = p.matcher(server.awaitLine(l -> p.matcher(l).matches(), TIMEOUT));
        assertTrue(m.matches());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void clientAndServerCertificatesTogetherAreAUsageError() throws InterruptedException {
        try (ListingRun r = run("test_tls", "client", "localhost", "1060", "-c", "x.pem", "-s", "y.pem")) {
            assertEquals(2, r.awaitExit(TIMEOUT));
            assertTrue(String.join("\n", r.err()).contains("you cannot specify both -c and -s"), r.err().toString());
        }
    }

    @Test
    void unknownProtocolListsTheValidOnes() throws InterruptedException {
        try (ListingRun r = run("test_tls", "client", "localhost", "1060", "-p", "TLSv1")) {
            assertEquals(2, r.awaitExit(TIMEOUT));
            String err = String.join("\n", r.err());
            assertTrue(err.startsWith("Error: 'PROTOCOL_TLSv1' is not one of the available names:"), err);
            assertTrue(err.contains("PROTOCOL_TLSv1_2"), err);
            assertTrue(err.contains("\n    "), err);
        }
    }

    @Test
    void testTlsReportsTheNameMismatchOfAnIpLiteral() throws InterruptedException {
        try (ListingRun server = run("test_tls", "server", "127.0.0.1", "0", "-s", file("localhost.pem"))) {
            int port = port(server);
            try (ListingRun client = run("test_tls", "client", "127.0.0.1", String.valueOf(port), "-a",
                    file("ca.pem"), "-v")) {
                assertEquals(0, client.awaitExit(TIMEOUT), client.err().toString());
                assertEquals(0, server.awaitExit(TIMEOUT), server.err().toString());
                // wrapped at 70 columns, as textwrap.fill wraps the original's lines
                int at = client.out().indexOf("Whether name(s) match the hostname.. certificate names DNS:localhost,");
                assertTrue(at > 0, client.out().toString());
                assertEquals("    not IP address 127.0.0.1", client.out().get(at + 1));
                assertTrue(client.out().contains(ConnectionReport.line("Peer certificate SANs", "DNS:localhost")),
                        client.out().toString());
            }
        }
    }

    @Test
    void testTlsWithoutTheCaFailsTheIssuerCheck() throws InterruptedException {
        try (ListingRun server = run("test_tls", "server", "127.0.0.1", "0", "-s", file("localhost.pem"))) {
            int port = port(server);
            try (ListingRun client = run("test_tls", "client", "localhost", String.valueOf(port))) {
                assertEquals(1, client.awaitExit(TIMEOUT));
                assertTrue(client.err().get(0).startsWith("Error: TLS issuer check failed"), client.err().toString());
                assertEquals(1, server.awaitExit(TIMEOUT));
            }
        }
    }

    @Test
    void fillWrapsLikeTextwrap() {
        String wrapped = TestTls.fill("Error: 'PROTOCOL_X' is not one of the available names:\n "
                + String.join(" ", TestTls.PROTOCOLS.keySet()));
        for (String line : wrapped.split("\n")) {
            assertTrue(line.length() <= 70, line);
        }
        assertTrue(wrapped.split("\n")[1].startsWith("    PROTOCOL_"), wrapped);
    }

    /** Runs a safe_tls server, lets {@code peer} talk to it, and returns its exit status and error lines. */
    private static ListingRun failedServer(String[] extra, java.util.function.IntConsumer peer)
            throws InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("127.0.0.1", "0", "-s", file("localhost.pem")));
        args.addAll(List.of(extra));
        ListingRun server = run("safe_tls", "server", args.toArray(String[]::new));
        peer.accept(port(server));
        return server;
    }

    private static void talk(int port, byte[] send, boolean waitForClose) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.getOutputStream().write(send);
            s.getOutputStream().flush();
            if (waitForClose) {
                s.getInputStream().readAllBytes();
            }
        } catch (IOException e) {
            // the server may reset the connection; its exit status and error line are what is checked
        }
    }

    @Test
    void safeTlsServerExitsWithOneErrorLineWhenTheHandshakeFails() throws InterruptedException {
        try (ListingRun server = failedServer(new String[] {"--handshake-timeout", "3"},
                port -> talk(port, "hello there\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true))) {
            assertEquals(1, server.awaitExit(TIMEOUT), server.err().toString());
            assertEquals(List.of("Error: TLS other check failed: the client sent bytes that are not TLS: "
                    + "b'hello there\\n'"), server.err());
        }
        try (ListingRun server = failedServer(new String[] {"--handshake-timeout", "3"},
                port -> talk(port, new byte[] {22, 3, 1, 0, 100}, false))) {
            assertEquals(1, server.awaitExit(TIMEOUT), server.err().toString());
            assertEquals(List.of("Error: TLS other check failed: the client closed the connection during the "
                    + "handshake"), server.err());
        }
    }

    @Test
    void safeTlsExitsWithOneErrorLineWhenTheHandshakeTimesOut() throws Exception {
        try (ListingRun server = failedServer(new String[] {"--handshake-timeout", "1"}, port -> talk(port,
                new byte[0], true))) {
            assertEquals(1, server.awaitExit(TIMEOUT), server.err().toString());
            assertEquals(1, server.err().size(), server.err().toString());
            assertTrue(server.err().get(0).startsWith("Error: TLS handshake timeout check failed"),
                    server.err().toString());
        }
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress());
             ListingRun client = run("safe_tls", "client", "localhost", String.valueOf(silent.getLocalPort()),
                     "-a", file("ca.pem"), "--handshake-timeout", "1")) {
            try (java.net.Socket accepted = silent.accept()) {
                assertEquals(1, client.awaitExit(TIMEOUT), client.err().toString());
            }
            assertEquals(1, client.err().size(), client.err().toString());
            assertTrue(client.err().get(0).startsWith("Error: TLS handshake timeout check failed"),
                    client.err().toString());
        }
    }
}

package dev.toolkit.examples.ch06;

import dev.toolkit.examples.tour.ListingRun;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chapter's listings against the Python original and against {@code openssl s_client} / {@code s_server}. */
class Chapter06PeersIT {

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void certificates() throws IOException {
        Chapter06Test.certificates();
    }

    @AfterAll
    static void clean() throws IOException {
        Chapter06Test.clean();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path script() throws IOException {
        Path file = Files.createTempFile("safe_tls", ".py");
        try (var in = Chapter06PeersIT.class.getResourceAsStream("/python/safe_tls.py")) {
            Files.write(file, in.readAllBytes());
        }
        file.toFile().deleteOnExit();
        return file;
    }

    private Process start(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private static String output(Process p) throws IOException, InterruptedException {
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void pythonClientAgainstJavaServer() throws Exception {
        String python = Peers.require("python3", "python3");
        try (ListingRun server = Chapter06Test.run("safe_tls", "server", "127.0.0.1", "0", "-s",
                Chapter06Test.file("localhost.pem"))) {
            int port = Chapter06Test.port(server);
            Process ok = start(List.of(python, script().toString(), "localhost", String.valueOf(port), "-a",
                    Chapter06Test.file("ca.pem")));
            String out = output(ok);
            assertEquals(0, ok.exitValue(), out);
            assertEquals("Connected to host 'localhost' and port " + port + "\nb'Simple is better than complex.'\n",
                    out);
        }
    }

    @Test
    void javaClientAgainstPythonServer() throws Exception {
        String python = Peers.require("python3", "python3");
        Process server = start(List.of(python, script().toString(), "127.0.0.1", "0", "-s",
                Chapter06Test.file("localhost.pem")));
        String listening = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        String port = listening.substring(listening.lastIndexOf(' ') + 1);
        try (ListingRun client = Chapter06Test.run("safe_tls", "client", "localhost", port, "-a",
                Chapter06Test.file("ca.pem"))) {
            assertEquals(0, client.awaitExit(Chapter06Test.TIMEOUT), client.err().toString());
            assertEquals(List.of("Connected to host 'localhost' and port " + port,
                    "b'Simple is better than complex.'"), client.out());
        }
    }

    @Test
    void opensslClientAgainstJavaServer() throws Exception {
        String openssl = Peers.require("openssl", "openssl");
        try (ListingRun server = Chapter06Test.run("safe_tls", "server", "127.0.0.1", "0", "-s",
                Chapter06Test.file("localhost.pem"))) {
            int port = Chapter06Test.port(server);
            Process c = start(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port, "-servername",
                    "localhost", "-verify_hostname", "localhost", "-verify_return_error", "-CAfile",
                    Chapter06Test.file("ca.pem"), "-quiet"));
            // -quiet keeps stdin open until the server closes; the server sends its line and closes
            String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.contains("Simple is better than complex."), out);
            c.getOutputStream().close();
            assertTrue(c.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void javaTestTlsAgainstOpensslServer() throws Exception {
        String openssl = Peers.require("openssl", "openssl");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = start(List.of(openssl, "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                Chapter06Test.file("localhost.pem"), "-key", Chapter06Test.file("localhost.pem")));
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !line.startsWith("ACCEPT"); line = lines.readLine()) {
            // wait until it listens
        }
        try (ListingRun client = Chapter06Test.run("test_tls", "client", "localhost", String.valueOf(port), "-a",
                Chapter06Test.file("ca.pem"))) {
            assertEquals(0, client.awaitExit(Chapter06Test.TIMEOUT), client.err().toString());
            assertTrue(client.out().contains("Protocol version negotiated......... TLSv1.3"), client.out().toString());
            assertTrue(client.out().contains("Whether name(s) match the hostname.. Yes"), client.out().toString());
        }
    }
}

package dev.toolkit.examples.ch07;

import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code in_zen1} and {@code in_zen2} started the way inetd starts them, by {@code systemd-socket-activate
 * --inetd} (with {@code -a}, one process per connection: inetd's {@code nowait}; without, the listener is
 * handed over: {@code wait}). The clients must get exactly the answers (nothing the program might print may
 * reach the socket), and the lines go to the log file.
 */
class InetdZenIT {

    private static final int TIMEOUT_MS = 30_000;

    @TempDir
    Path dir;

    private Process activate(boolean accept, String listing, Path log, CountDownLatch listening) throws IOException {
        String program = Peers.require("systemd-socket-activate", "systemd");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(program, "-l", "127.0.0.1:" + port));
        if (accept) {
            command.add("-a");
        }
        command.addAll(List.of("--inetd", "-E", "IN_ZEN_LOG=" + log,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.toolkit.examples.Launcher", "ch07", listing));
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile()).start();
        Thread errors = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.contains("Listening on")) {
                        listening.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        errors.setDaemon(true);
        errors.start();
        this.port = port;
        return process;
    }

    private int port;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void askThreeAndHangUp() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write("Beautiful is better than?Explicit is better than?Simple is better than?"
                    .getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            // Everything the server sends until it closes: the answers and nothing else.
            assertArrayEquals("Ugly.Implicit.Complex.".getBytes(StandardCharsets.US_ASCII), readAll(s.getInputStream()));
        }
    }

    private void leaveMidQuestion() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            s.getOutputStream().write("Beautiful is better than".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        in.transferTo(got);
        return got.toByteArray();
    }

    private static String awaitLog(Path log, int closedLines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                String text = Files.readString(log);
                long closed = text.lines().filter(l -> l.endsWith("has closed") || l.endsWith("then socket closed"))
                        .count();
                if (closed >= closedLines) {
                    return text;
                }
            }
            Thread.sleep(100);
        }
        fail("the log did not show " + closedLines + " closed conversations: "
                + (Files.exists(log) ? Files.readString(log) : "no log file"));
        return null;
    }

    @Test
    void nowaitServesEachConnectionInItsOwnProcess() throws Exception {
        Path log = dir.resolve("in_zen1.log");
        CountDownLatch listening = new CountDownLatch(1);
        Process activator = activate(true, "in_zen1", log, listening);
        try {
            assertTrue(listening.await(TIMEOUT_MS, TimeUnit.MILLISECONDS), "systemd-socket-activate did not listen");
            askThreeAndHangUp();
            leaveMidQuestion();
            String text = awaitLog(log, 2);
            List<String> expected = new java.util.ArrayList<>(Chapter07Demos.closingLines("in_zen1", false));
            expected.addAll(Chapter07Demos.closingLines("in_zen1", true));
            assertEquals(List.of(), dev.toolkit.examples.tour.Expect.lines("log", text.lines().toList(), expected));
        } finally {
            activator.destroy();
            activator.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void waitServesClientsOneAfterTheOtherThenExitsWhenIdle() throws Exception {
        Path log = dir.resolve("in_zen2.log");
        CountDownLatch listening = new CountDownLatch(1);
        Process server = activate(false, "in_zen2", log, listening);
        try {
            assertTrue(listening.await(TIMEOUT_MS, TimeUnit.MILLISECONDS), "systemd-socket-activate did not listen");
            askThreeAndHangUp();
            askThreeAndHangUp();
            // With no third client, the program gives the socket back after 8.0 s and exits.
            assertTrue(server.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS), "in_zen2 did not exit when idle");
            assertEquals(0, server.exitValue());
            String text = awaitLog(log, 2);
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                expected.addAll(Chapter07Demos.closingLines("in_zen2", false));
            }
            expected.add(dev.toolkit.examples.tour.Expect.literal(InZen2.IDLE_LINE));
            assertEquals(List.of(), dev.toolkit.examples.tour.Expect.lines("log", text.lines().toList(), expected));
            assertEquals("", Files.readString(dir.resolve("out.txt")));
        } finally {
            server.destroy();
            server.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }
}

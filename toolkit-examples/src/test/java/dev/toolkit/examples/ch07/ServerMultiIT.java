package dev.toolkit.examples.ch07;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.tour.ListeningLine;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code server_multi process}: worker processes share the port, and a worker that dies is replaced while the
 * others go on answering. Uses 3 workers instead of the book's 10 ({@code -n}) to spare the test machine.
 */
class ServerMultiIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int WORKERS = 3;

    private static Set<ProcessHandle> workers() {
        return ProcessHandle.current().children()
                .filter(ServerMultiIT::isWorker)
                .collect(Collectors.toSet());
    }

    /**
     * Reads the whole command line from /proc: {@code ProcessHandle.Info} keeps only its first page, and the
     * worker's class name follows a class path longer than that.
     */
    private static boolean isWorker(ProcessHandle p) {
        try {
            byte[] cmdline = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", String.valueOf(p.pid()),
                    "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains("WorkerMain");
        } catch (IOException e) {
            return false; // the process has ended
        }
    }

    private static void ask(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write("Simple is better than?".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                got.write(b);
                if (b == '.') {
                    break;
                }
            }
            assertEquals("Complex.", got.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void workersShareThePortAndADeadOneIsReplaced() throws Exception {
        try (ListingRun server = ListingRun.start(Catalog.find("ch07", "server_multi").orElseThrow(), "server",
                null, List.of("127.0.0.1", "process", "-n", String.valueOf(WORKERS), "-p", "0"))) {
            int port = ListeningLine.port(server.awaitLine(l -> l.startsWith("Listening at"), TIMEOUT)).orElseThrow();
            assertEquals(WORKERS, workers().size());
            for (int i = 0; i < 10; i++) {
                ask(port);
            }
            ProcessHandle victim = workers().iterator().next();
            victim.destroyForcibly();
            victim.onExit().get();
            for (int i = 0; i < 10; i++) {
                ask(port);
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Set<ProcessHandle> now = workers();
            while ((now.size() < WORKERS || now.contains(victim)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                now = workers();
            }
            assertEquals(WORKERS, now.size(), "the dead worker was not replaced: " + now);
            assertTrue(!now.contains(victim));
            ask(port);
        }
    }
}

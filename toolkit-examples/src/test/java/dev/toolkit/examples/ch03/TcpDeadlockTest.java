package dev.toolkit.examples.ch03;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.tour.ListeningLine;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tcp_deadlock's server against the book's client behaviour at a size that cannot fit in the sockets' buffers:
 * a client that sends everything before reading stalls (detected by its progress stopping, with a generous
 * deadline, never by timing), is killed, and the server goes on to serve the variant that reads while
 * writing, which moves 64 MiB both ways.
 */
class TcpDeadlockTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long BIG = 64L * 1024 * 1024;
    /** How long the sent count must stay still to call it a stall. */
    private static final long STILL_MILLIS = 3000;

    @Test
    void theNaiveClientStallsTheSafeOneCompletesAndTheServerSurvivesBoth() throws Exception {
        try (ListingRun server = ListingRun.start(Catalog.find("ch03", "tcp_deadlock").orElseThrow(), "server",
                null, List.of("server", "127.0.0.1", "-p", "0"))) {
            int port = ListeningLine.port(server.awaitLine(l -> l.startsWith("Listening at"), TIMEOUT))
                    .orElseThrow();

            // The book's client: send everything, read nothing. Its progress must stop before the end.
            AtomicLong sent = new AtomicLong();
            Socket naive = new Socket();
            naive.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            Thread writer = new Thread(() -> {
                byte[] piece = Capitalize.message(64 * 1024);
                try {
                    OutputStream out = naive.getOutputStream();
                    while (sent.get() < BIG) {
                        out.write(piece);
                        sent.addAndGet(piece.length);
                    }
                } catch (IOException closedByTheTest) {
                    // the test kills the client once it has stalled
                }
            }, "naive-client");
            writer.setDaemon(true);
            writer.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long last = -1;
            long stillSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Thread.sleep(200);
                long now = sent.get();
                if (now != last) {
                    last = now;
                    stillSince = System.nanoTime();
                } else if ((System.nanoTime() - stillSince) / 1_000_000 >= STILL_MILLIS) {
                    break;
                }
            }
            assertTrue(sent.get() < BIG, "the client that reads nothing should stall, but sent " + sent.get());
            naive.setSoLinger(true, 0);
            naive.close(); // kill it mid-way
            writer.join(TIMEOUT.toMillis());

            try (ListingRun safe = ListingRun.start(Catalog.find("ch03", "tcp_deadlock_safe").orElseThrow(),
                    "client", null, List.of("client", "127.0.0.1", String.valueOf(BIG), "-p",
                            String.valueOf(port)))) {
                assertEquals(0, safe.awaitExit(TIMEOUT), safe.err().toString());
                List<String> out = safe.out();
                assertEquals("  " + BIG + " bytes sent", out.get(out.size() - 2));
                assertEquals("  " + BIG + " bytes received", out.get(out.size() - 1));
            }
        }
    }
}

package dev.toolkit.examples.ch07;

import dev.toolkit.tcp.zen.Aphorisms;
import dev.toolkit.testing.NonReadingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Zen server listing of chapter 7 (each its own way of serving, some with their own framing code): 50
 * concurrent clients asking the three questions, pipelined questions answered one by one, and a 1 MiB
 * question without its {@code ?} refused with a clear error, after which the server still serves.
 */
class ZenServersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int CLIENTS = 50;

    private static String recvUntil(InputStream in, char suffix) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            got.write(b);
            if (b == suffix) {
                return got.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("received " + got + " then socket closed");
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout((int) TIMEOUT.toMillis());
        return s;
    }

    private static void askThree(int port) throws IOException {
        List<String> questions = new ArrayList<>(Aphorisms.questions());
        Collections.shuffle(questions);
        try (Socket s = connect(port)) {
            for (String q : questions) {
                s.getOutputStream().write(q.getBytes(StandardCharsets.US_ASCII));
                assertEquals(Aphorisms.answer(q), recvUntil(s.getInputStream(), '.'));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"srv_single", "srv_threaded", "srv_legacy1", "srv_legacy2", "srv_async",
            "srv_asyncio1", "srv_asyncio2", "server_multi"})
    void manyClientsPipeliningAndAnOverlongQuestion(String listing) throws Exception {
        try (ZenServerRun server = ZenServerRun.start(listing, TIMEOUT)) {
            int port = server.port();

            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> clients = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(pool.submit(() -> {
                        go.await();
                        askThree(port);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : clients) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            try (Socket s = connect(port)) {
                s.getOutputStream().write("Beautiful is better than?Simple is better than?Why?"
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                assertEquals("Ugly.", recvUntil(in, '.'));
                assertEquals("Complex.", recvUntil(in, '.'));
                assertEquals(Aphorisms.UNKNOWN, recvUntil(in, '.'));
            }

            try (Socket s = connect(port)) {
                byte[] huge = new byte[1 << 20];
                Arrays.fill(huge, (byte) 'x');
                Thread writer = new Thread(() -> {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(huge);
                    } catch (IOException expected) {
                        // the server closes once past its limit
                    }
                });
                writer.start();
                assertEquals(Aphorisms.TOO_LONG, recvUntil(s.getInputStream(), '.'));
                writer.join(TIMEOUT.toMillis());
            }
            askThree(port);
        }
    }

    /**
     * srv_async's "closed before we sent": a client sends empty questions ({@code ?}, each answered with
     * {@code Error: unknown aphorism.}) without reading until the server stops reading, then resets; the line
     * shows the first 100 answer bytes that were still unsent (the oldest answer may have been sent in part).
     */
    @Test
    void srvAsyncPrintsTheAnswersAClientClosedBeforeWeSent() throws Exception {
        try (ZenServerRun server = ZenServerRun.start("srv_async", TIMEOUT)) {
            // A first conversation: the server's first read sets up its buffer pool, which may take a while.
            askThree(server.port());
            try (NonReadingClient client = NonReadingClient.connect(new InetSocketAddress("127.0.0.1",
                    server.port()))) {
                int port = client.localPort();
                long written;
                do {
                    // Until a whole quiet period passes without the server taking a byte more.
                    written = client.written();
                    client.writeUntilStalled("?".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(500),
                            Duration.ofSeconds(60));
                } while (client.written() != written);
                client.reset();
                String prefix = "Client ('127.0.0.1', " + port + ") closed before we sent b'";
                String line = server.server().awaitLine(l -> l.startsWith(prefix), TIMEOUT);
                Matcher m = Pattern.compile(Pattern.quote(prefix) + "([^']{" + ZenLines.UNSENT_SHOWN
                        + "})'\\.\\.\\. \\(\\d+ more bytes\\)").matcher(line);
                assertTrue(m.matches(), line);
                String cycle = Aphorisms.UNKNOWN.repeat(6);
                assertTrue(cycle.contains(m.group(1)), line);
            }
            askThree(server.port());
            assertEquals(List.of(), server.server().out().stream()
                    .filter(l -> !l.startsWith("Listening at") && !l.startsWith("Accepted connection from")
                            && !l.endsWith("closed socket normally") && !l.contains("closed before we sent"))
                    .toList(), "srv_async printed only its own lines");
        }
    }
}

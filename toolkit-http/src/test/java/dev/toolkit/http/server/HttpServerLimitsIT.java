package dev.toolkit.http.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One server with short time-outs, driven by raw sockets: pipelining with answers finishing out of order,
 * slowloris, the body and keep-alive time-outs, a 1 GiB upload to a slow reader.
 */
class HttpServerLimitsIT {

    private static final long GIB = 1024L * 1024 * 1024;
    private static RunningServer<ConnectionMetrics> server;
    private static volatile CountDownLatch release = new CountDownLatch(0);
    private static final AtomicLong maxHeapGrowth = new AtomicLong();

    @BeforeAll
    static void start() {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false)
                .headerTimeout(Duration.ofMillis(1500)).bodyTimeout(Duration.ofMillis(1500))
                .keepAliveTimeout(Duration.ofMillis(1500)).maxBodySize(2 * GIB).maxPipelinedRequests(4).build();
        server = HttpServer.bind(config, HttpApplication.blocking(HttpServerLimitsIT::handle));
    }

    private static HttpResponse handle(HttpRequest request) throws Exception {
        switch (request.path()) {
            case "/slow":
                release.await(30, TimeUnit.SECONDS);
                return HttpResponse.text(200, "slow");
            case "/upload":
                return HttpResponse.text(200, Long.toString(readSlowly(request.body().stream())));
            case "/read":
                return HttpResponse.text(200, request.body().text());
            default:
                return HttpResponse.text(200, "fast " + request.path());
        }
    }

    /** Reads the body with a pause every MiB, measuring the heap after a GC every 128 MiB. */
    private static long readSlowly(InputStream body) throws IOException, InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        long nextPause = 1 << 20;
        long nextMeasure = 128L << 20;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            total += n;
            if (total >= nextPause) {
                nextPause += 1 << 20;
                Thread.sleep(1);
            }
            if (total >= nextMeasure) {
                nextMeasure += 128L << 20;
                System.gc();
                long growth = memory.getHeapMemoryUsage().getUsed() - before;
                maxHeapGrowth.accumulateAndGet(growth, Math::max);
            }
        }
        return total;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawClient client() throws IOException {
        return new RawClient(server.localAddress());
    }

    @Test
    void pipelinedAnswersComeInRequestOrderWhenTheFirstFinishesLast() throws Exception {
        release = new CountDownLatch(1);
        try (RawClient client = client()) {
            client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /c HTTP/1.1\r\nHost: a\r\n\r\n");
            release.countDown();
            String out = client.readUntil("fast /c");
            int slow = out.indexOf("slow");
            int b = out.indexOf("fast /b");
            assertTrue(slow > 0 && slow < b && b < out.indexOf("fast /c"), out);
        }
    }

    @Test
    void slowlorisIsCutAtTheHeaderTimeOut() throws Exception {
        try (RawClient client = client()) {
            String request = "GET / HTTP/1.1\r\nHost: a\r\nX-Slow: " + "x".repeat(200) + "\r\n\r\n";
            boolean cut = false;
            for (int i = 0; i < request.length(); i++) {
                try {
                    client.send(request.substring(i, i + 1));
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                if (client.in.available() > 0) {
                    cut = true;
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(cut, "the server answered before the header section was complete");
            String out = client.readToEnd();
            assertTrue(out.startsWith("HTTP/1.1 408 "), out);
            assertTrue(out.contains("connection: close"), out);
        }
    }

    @Test
    void aBodyThatStopsArrivingIsAnswered408() throws Exception {
        try (RawClient client = client()) {
            client.send("POST /read HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n01234");
            String out = client.readToEnd();
            assertTrue(out.startsWith("HTTP/1.1 408 "), out);
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedQuietly() throws Exception {
        try (RawClient client = client()) {
            client.send("GET /idle HTTP/1.1\r\nHost: a\r\n\r\n");
            client.readUntil("fast /idle");
            String out = client.readToEnd();
            assertEquals(1, RawClient.count(out, "HTTP/1.1"), out);
            assertFalse(out.contains("408"), out);
        }
    }

    @Test
    void aGibibyteUploadToASlowReaderKeepsTheHeapFlat() throws Exception {
        maxHeapGrowth.set(0);
        try (RawClient client = client()) {
            client.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: " + GIB + "\r\n\r\n");
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.out;
                    byte[] piece = new byte[64 * 1024];
                    for (long sent = 0; sent < GIB; sent += piece.length) {
                        out.write(piece);
                    }
                    out.flush();
                } catch (IOException e) {
                    // The assertion on the answer reports it.
                }
            }, "upload-writer");
            writer.start();
            String out = client.readUntil(Long.toString(GIB));
            writer.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(out.startsWith("HTTP/1.1 200 "), out);
        }
        long growth = maxHeapGrowth.get();
        assertTrue(growth < 32L * 1024 * 1024, "heap grew by " + growth + " bytes while streaming 1 GiB");
    }

    @Test
    void aBodyOverTheLimitAnnouncedOrStreamedIs413() throws Exception {
        try (RawClient client = client()) {
            client.send("POST /read HTTP/1.1\r\nHost: a\r\nContent-Length: " + (3 * GIB) + "\r\n\r\n");
            assertTrue(client.readToEnd().startsWith("HTTP/1.1 413 "));
        }
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}

package dev.toolkit.http.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke scenario under every architecture (keep-alive, pipelining, a limit, graceful shutdown of a
 * connection in the middle of a request), and the drain of idle keep-alive connections.
 */
class HttpServerArchitecturesIT {

    @TempDir
    Path dir;

    /**
     * The application of the scenario, made by class name in MULTI_PROCESS workers: {@code /wait?dir=D} marks
     * {@code D/started} and answers once {@code D/release} exists (files, so that it works across processes).
     */
    public static final class SmokeApplication implements HttpApplication {
        private final HttpApplication blocking = HttpApplication.blocking(SmokeApplication::answer);

        /** Made by name. */
        public SmokeApplication() {
        }

        private static HttpResponse answer(HttpRequest request) throws Exception {
            if (request.path().equals("/wait")) {
                Path marks = Path.of(request.queryParameter("dir").orElseThrow());
                Files.createFile(marks.resolve("started"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!Files.exists(marks.resolve("release")) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                return HttpResponse.text(200, "waited");
            }
            return HttpResponse.text(200, "at " + request.path());
        }

        @Override
        public CompletableFuture<HttpResponse> handleAsync(HttpRequest request) {
            return blocking.handleAsync(request);
        }
    }

    private static RunningServer<ConnectionMetrics> bind(Architecture architecture) {
        ServerConfig core = ServerConfig.builder().name("http-" + architecture.name().toLowerCase())
                .architecture(architecture).processes(1).shutdownGrace(Duration.ofSeconds(20)).build();
        return HttpServer.bind(HttpServerConfig.builder().server(core).accessLog(false).maxRequestLineLength(256)
                .build(), new SmokeApplication());
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(file), "created: " + file);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void keepAlivePipeliningALimitAndAGracefulShutdown(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = bind(architecture);
        try {
            try (RawClient client = new RawClient(server.localAddress())) {
                client.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\n");
                client.readUntil("at /one");
                client.send("GET /two HTTP/1.1\r\nHost: a\r\n\r\nGET /three HTTP/1.1\r\nHost: a\r\n\r\n");
                String out = client.readUntil("at /three");
                assertTrue(out.indexOf("at /two") < out.indexOf("at /three"), out);
                assertEquals(3, RawClient.count(out, "HTTP/1.1 200 OK"), out);
            }
            try (RawClient client = new RawClient(server.localAddress())) {
                client.send("GET /" + "x".repeat(300) + " HTTP/1.1\r\nHost: a\r\n\r\n");
                assertTrue(client.readToEnd().startsWith("HTTP/1.1 414 "));
            }
            try (RawClient client = new RawClient(server.localAddress())) {
                client.send("GET /wait?dir=" + dir + " HTTP/1.1\r\nHost: a\r\n\r\n");
                awaitFile(dir.resolve("started"));
                CompletableFuture<Void> closing = CompletableFuture.runAsync(
                        () -> server.closeGracefully(Duration.ofSeconds(20)));
                awaitDraining(server);
                Files.createFile(dir.resolve("release"));
                String out = client.readToEnd();
                assertTrue(out.startsWith("HTTP/1.1 200 OK") && out.endsWith("waited"), out);
                if (architecture != Architecture.MULTI_PROCESS) {
                    // In-process the listener closes and the drain begins in one step; a worker process is told
                    // to drain by a message, so there the refused probe does not prove the drain has begun yet.
                    assertTrue(out.contains("connection: close"), out);
                }
                closing.get(30, TimeUnit.SECONDS);
            }
        } finally {
            server.close();
        }
    }

    /** Waits until the server has stopped accepting (new connections are refused). */
    private static void awaitDraining(RunningServer<ConnectionMetrics> server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(server.localAddress(), 1000);
            } catch (java.io.IOException refused) {
                return;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void idleKeepAliveConnectionsCloseWhenTheServerDrains() throws Exception {
        RunningServer<ConnectionMetrics> server = bind(Architecture.EVENT_LOOP);
        try (RawClient idle = new RawClient(server.localAddress())) {
            idle.send("GET /idle HTTP/1.1\r\nHost: a\r\n\r\n");
            idle.readUntil("at /idle");
            server.closeGracefully(Duration.ofSeconds(20));
            String out = idle.readToEnd();
            assertEquals(1, RawClient.count(out, "HTTP/1.1 200"), out);
        } finally {
            server.close();
        }
    }
}

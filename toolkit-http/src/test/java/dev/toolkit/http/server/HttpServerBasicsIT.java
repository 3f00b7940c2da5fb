package dev.toolkit.http.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server answering the JDK's HttpClient: the first end-to-end check. */
class HttpServerBasicsIT {

    private static RunningServer<ConnectionMetrics> server;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        server = HttpServer.bind(HttpServerConfig.builder().build(), HttpApplication.blocking(request -> {
            if (request.path().equals("/echo")) {
                return HttpResponse.text(200, request.body().text());
            }
            return HttpResponse.text(200, "hello " + request.path() + " " + request.queryParameter("q").orElse("-"));
        }));
        base = "http://127.0.0.1:" + server.localAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theProxyProtocolAndTrustedProxiesGiveTheClientsAddress() throws Exception {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false)
                .server(dev.toolkit.core.server.ServerConfig.builder().name("proxied")
                        .proxyProtocol(dev.toolkit.core.pipeline.ProxyProtocol.REQUIRED).build())
                .trustedProxies(java.util.List.of("127.0.0.0/8")).build();
        HttpApplication whoAmI = HttpApplication.nonBlocking(request -> HttpResponse.text(200,
                request.remoteAddress().getAddress().getHostAddress() + " " + request.scheme()));
        try (RunningServer<ConnectionMetrics> proxied = HttpServer.bind(config, whoAmI);
             RawClient client = new RawClient(proxied.localAddress())) {
            client.out.write(dev.toolkit.testing.ProxyHeaders.v1Tcp4("192.0.2.7", 4000, "127.0.0.1",
                    proxied.localAddress().getPort()));
            client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 203.0.113.5\r\n\r\n");
            assertTrue(client.readUntil("192.0.2.7 http").contains("192.0.2.7 http"));
        }
        HttpServerConfig trusting = HttpServerConfig.builder().accessLog(false)
                .trustedProxies(java.util.List.of("127.0.0.1")).build();
        try (RunningServer<ConnectionMetrics> behindProxy = HttpServer.bind(trusting, whoAmI);
             RawClient client = new RawClient(behindProxy.localAddress())) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 203.0.113.5\r\n"
                    + "X-Forwarded-Proto: https\r\n\r\n");
            assertTrue(client.readUntil("203.0.113.5 https").contains("203.0.113.5 https"));
        }
    }

    @Test
    void aFullWorkerPoolAnswers503WithRetryAfter() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).workerThreads(1).workerQueue(0).build();
        try (RunningServer<ConnectionMetrics> small = HttpServer.bind(config, HttpApplication.blocking(request -> {
            started.countDown();
            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            return HttpResponse.text(200, "done");
        })); RawClient busy = new RawClient(small.localAddress());
             RawClient refused = new RawClient(small.localAddress())) {
            busy.send("GET /busy HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(started.await(30, java.util.concurrent.TimeUnit.SECONDS));
            refused.send("GET /refused HTTP/1.1\r\nHost: a\r\n\r\n");
            String out = refused.readUntil("\r\n\r\n");
            assertTrue(out.startsWith("HTTP/1.1 503 ") && out.contains("retry-after: 1"), out);
            release.countDown();
            assertTrue(busy.readUntil("done").contains("HTTP/1.1 200 OK"));
        }
    }

    @Test
    void answersGetAndPost() throws Exception {
        java.net.http.HttpResponse<String> get = CLIENT.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/a%20b?q=x+y")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertEquals("hello /a b x y", get.body());
        assertEquals("text/plain; charset=utf-8", get.headers().firstValue("content-type").orElseThrow());
        assertTrue(get.headers().firstValue("date").isPresent());
        java.net.http.HttpResponse<String> post = CLIENT.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("payload")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("payload", post.body());
    }
}

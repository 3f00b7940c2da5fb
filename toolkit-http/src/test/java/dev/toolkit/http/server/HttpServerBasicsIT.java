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

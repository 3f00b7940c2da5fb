package dev.toolkit.readme;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the README's routing and static-file examples on loopback with the JDK's client. */
class ReadmeHttpRoutingExamplesTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRouterAnswersItsRoutesAndServesTheSite(@TempDir Path site) throws Exception {
        Files.writeString(site.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(site.resolve("app.log"), "0123456789");
        Files.createDirectories(site.resolve("docs"));
        Files.writeString(site.resolve("docs/index.htm"), "docs");
        try (RunningServer<ConnectionMetrics> server = HttpRoutingSnippets.routedServer(site)) {
            String base = "http://127.0.0.1:" + server.localAddress().getPort();
            assertEquals("{\"id\":\"42\"}", send(HttpRequest.newBuilder(URI.create(base + "/users/42"))).body());
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/users"))
                    .POST(HttpRequest.BodyPublishers.ofString("ann")));
            assertEquals(201, created.statusCode());
            assertEquals("created ann", created.body());
            assertEquals(405, send(HttpRequest.newBuilder(URI.create(base + "/users/42")).DELETE()).statusCode());
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/time"))).statusCode());
            assertEquals("<h1>home</h1>", send(HttpRequest.newBuilder(URI.create(base + "/"))).body());
            assertEquals("docs", send(HttpRequest.newBuilder(URI.create(base + "/assets/docs/"))).body());
            assertEquals(301, send(HttpRequest.newBuilder(URI.create(base + "/docs"))).statusCode());
            HttpResponse<String> range = send(HttpRequest.newBuilder(URI.create(base + "/app.log"))
                    .header("Range", "bytes=2-4"));
            assertEquals(206, range.statusCode());
            assertEquals("234", range.body());
            assertEquals("text/plain; charset=utf-8", range.headers().firstValue("content-type").orElseThrow());
            assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/missing"))).statusCode());
        }
    }
}

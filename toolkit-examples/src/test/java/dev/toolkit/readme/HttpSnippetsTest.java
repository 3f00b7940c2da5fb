package dev.toolkit.readme;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the README's toolkit-http examples against the JDK's HttpClient. */
class HttpSnippetsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static String get(RunningServer<ConnectionMetrics> server, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.localAddress().getPort() + path));
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theExamplesAnswer() throws Exception {
        try (RunningServer<ConnectionMetrics> hello = HttpSnippets.helloServer()) {
            assertEquals("Hello, reader", get(hello, "/?name=reader", null));
        }
        try (RunningServer<ConnectionMetrics> apps = HttpSnippets.applications()) {
            assertEquals("{\"path\":\"/echo\",\"length\":5}".length(), get(apps, "/echo", "hello").length());
        }
        assertEquals(201, HttpSnippets.responses(java.nio.file.Files.createTempFile("readme", ".txt"),
                java.io.InputStream.nullInputStream()).status().code());
    }
}

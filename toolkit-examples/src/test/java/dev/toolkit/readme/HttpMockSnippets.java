package dev.toolkit.readme;

import dev.toolkit.http.mock.MockHttpServer;
import dev.toolkit.http.mock.MockResponse;
import dev.toolkit.http.mock.RecordedRequest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The README's MockHttpServer example; {@link ReadmeHttpMockExamplesTest} runs it. */
final class HttpMockSnippets {

    private HttpMockSnippets() {
    }

    /** Prints the two answers the client got and what the server recorded of the first request. */
    static void mockServer() throws IOException, InterruptedException {
        // README: http mock
        try (MockHttpServer server = MockHttpServer.start()) {                   // 127.0.0.1, an ephemeral port
            server.enqueue(MockResponse.builder().header("Content-Type", "text/plain").body("hello").build());
            server.enqueue(MockResponse.builder().chunkedBody("slowly", 2)          // then a slow, chunked one
                    .throttle(2, Duration.ofMillis(10)).build());

            HttpClient client = HttpClient.newHttpClient();                      // the client under test
            for (String path : List.of("/greeting?lang=en", "/slow")) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.url(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println(response.statusCode() + " " + response.body());
            }
            RecordedRequest first = server.takeRequest();                        // what arrived, as it was sent
            System.out.println(first.method() + " " + first.path() + " lang=" + first.queryParameter("lang").orElseThrow()
                    + ", connection " + first.connectionIndex() + ", request " + first.sequenceOnConnection());
        }
        // README: end
    }
}

package dev.toolkit.readme;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.http.server.Form;
import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpRequest;
import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.HttpServer;
import dev.toolkit.http.server.HttpServerConfig;
import dev.toolkit.http.server.ResponseBody;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The README's toolkit-http examples; {@link HttpSnippetsTest} runs them. */
final class HttpSnippets {

    private HttpSnippets() {
    }

    static RunningServer<ConnectionMetrics> helloServer() {
        // README: http server
        RunningServer<ConnectionMetrics> server = HttpServer.bind(            // 127.0.0.1, an ephemeral port
                HttpApplication.blocking(request ->                            // runs on the bounded worker pool
                        HttpResponse.text(200, "Hello, " + request.queryParameter("name").orElse("world"))));
        // README: end
        return server;
    }

    static RunningServer<ConnectionMetrics> applications() {
        // README: http application
        HttpApplication time = HttpApplication.nonBlocking(request ->          // called on the event loop
                HttpResponse.text(200, java.time.Instant.now().toString()));
        HttpApplication async = request -> request.body().textAsync()          // never blocks
                .thenApply(text -> HttpResponse.json(200, Map.of("length", text.length(), "path", request.path())));
        HttpApplication app = request -> request.path().equals("/time") ? time.handleAsync(request)
                : async.handleAsync(request);
        RunningServer<ConnectionMetrics> server = HttpServer.bind(HttpServerConfig.builder()
                .maxBodySize(1 << 20).headerTimeout(Duration.ofSeconds(5)).build(), app);
        // README: end
        return server;
    }

    static HttpResponse body(HttpRequest request) throws Exception {
        // README: http body
        switch (request.path()) {
            case "/upload":                                           // read as it arrives: nothing aggregated
                long total = 0;
                try (InputStream in = request.body().stream()) {
                    total = in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                return HttpResponse.text(200, total + " bytes");
            case "/form":                                             // urlencoded or multipart; files on disk
                Form form = request.body().form();
                return HttpResponse.json(200, Map.of("fields", form.fields(), "files", form.files().size()));
            default:                                                  // bytes(), text(), json(type): up to maxBodySize
                return HttpResponse.json(200, request.body().json(Map.class));
        }
        // README: end
    }

    static HttpResponse responses(Path file, InputStream report) {
        // README: http responses
        HttpResponse.text(404, "no such page");                                    // text/plain; charset=utf-8
        HttpResponse.json(200, Map.of("ok", true));                                // application/json (Jackson)
        HttpResponse.redirect(303, "/done");
        HttpResponse.ok(ResponseBody.file(file));                                  // type from the extension; zero-copy
        HttpResponse.ok(ResponseBody.stream(report, -1, "text/csv"));              // chunked, read on the worker pool
        return HttpResponse.builder(201).header("Location", "/items/7")
                .body(ResponseBody.bytes(new byte[] {1, 2, 3}, "application/octet-stream")).build();
        // README: end
    }
}

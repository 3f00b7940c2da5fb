package dev.toolkit.readme;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.HttpServer;
import dev.toolkit.http.server.Router;
import dev.toolkit.http.server.files.StaticFiles;
import io.netty.handler.codec.http.HttpMethod;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** The README's routing and static-file examples; {@link ReadmeHttpRoutingExamplesTest} runs them. */
final class HttpRoutingSnippets {

    private HttpRoutingSnippets() {
    }

    static RunningServer<ConnectionMetrics> routedServer(Path site) {
        // README: http routing
        Router router = Router.builder()
                .get("/users/{id}", request ->                          // blocking: runs on the worker pool
                        HttpResponse.json(200, Map.of("id", request.pathParameter("id").orElseThrow())))
                .post("/users", request -> HttpResponse.text(201, "created " + request.body().text()))
                .route(HttpMethod.GET, "/time",                         // never blocks: runs on the event loop
                        HttpApplication.nonBlocking(request -> HttpResponse.text(200, Instant.now().toString())))
                .route(HttpMethod.GET, "/assets/*", staticFiles(site))  // serves pathParameter("*") under site
                .fallback(staticFiles(site))                            // instead of 404
                .build();
        RunningServer<ConnectionMetrics> server = HttpServer.bind(router);
        // README: end
        return server;
    }

    static StaticFiles staticFiles(Path site) {
        // README: static files
        StaticFiles files = StaticFiles.builder(site)                   // a directory; its real path is the fence
                .indexFiles("index.html", "index.htm")                  // tried in order for a directory URL
                .contentType("log", "text/plain; charset=utf-8")        // beside the built-in table
                .maxRanges(16)                                          // more ranges (or overlapping): the whole file
                .build();
        // README: end
        return files;
    }
}

package dev.toolkit.http.server;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What a server runs for each request (the WSGI-like application interface). {@link #handleAsync} is called
 * on the connection's event loop, so it must not block; blocking work goes to {@link HttpRequest#workerPool()},
 * which is what {@link #blocking(HttpHandler)} does.
 */
@FunctionalInterface
public interface HttpApplication {

    /**
     * Answers a request. Called on the event loop: it must not block. The future may complete on any thread.
     * A future that fails, or an exception thrown here, is answered with a 500 (the exception logged once),
     * never a hung connection.
     *
     * @param request the request environment
     * @return the response, when it is ready
     */
    CompletableFuture<HttpResponse> handleAsync(HttpRequest request);

    /**
     * A blocking application: {@code handler} runs on the server's bounded worker pool
     * ({@link HttpRequest#workerPool()}). When the pool and its queue are full the client gets a 503 with
     * {@code Retry-After}.
     *
     * @param handler the handler, which may block
     * @return the application
     */
    static HttpApplication blocking(HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return request -> CompletableFuture.supplyAsync(() -> Handlers.call(handler, request),
                request.workerPool());
    }

    /**
     * An application that never blocks: {@code handler} is called on the event loop and answered at once.
     * Use it only for handlers that do no I/O and no waiting (a body must not be read with blocking calls).
     *
     * @param handler the handler, which must not block
     * @return the application
     */
    static HttpApplication nonBlocking(HttpHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return request -> {
            try {
                return CompletableFuture.completedFuture(handler.handle(request));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}

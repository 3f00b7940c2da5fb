package dev.toolkit.http.server;

import java.util.concurrent.CompletionException;

/** Calls a blocking handler inside a {@code CompletableFuture} stage, keeping its exception as the cause. */
final class Handlers {

    private Handlers() {
    }

    static HttpResponse call(HttpHandler handler, HttpRequest request) {
        try {
            HttpResponse response = handler.handle(request);
            if (response == null) {
                throw new IllegalStateException("handler " + handler + " returned no response for "
                        + request.method() + " " + request.uri());
            }
            return response;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}

package dev.toolkit.http.server;

/**
 * A request handler written in blocking style: it may read the body with blocking calls, wait for a database
 * and so on. Run it with {@link HttpApplication#blocking(HttpHandler)} (on the server's worker pool) or, when
 * it never blocks, with {@link HttpApplication#nonBlocking(HttpHandler)} (on the event loop).
 */
@FunctionalInterface
public interface HttpHandler {

    /**
     * Answers one request.
     *
     * @param request the request environment
     * @return the response; an exception thrown here is answered with a 500 and logged once
     * @throws Exception anything the handler fails with (the client gets a 500)
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}

/**
 * The HTTP/1.1 server: {@link dev.toolkit.http.server.HttpServer} runs an
 * {@link dev.toolkit.http.server.HttpApplication} (a WSGI-like application interface) on core's connection
 * pipeline, with every core feature (architectures, TLS, PROXY protocol, connection limits, graceful drain).
 *
 * <p>An application gets an {@link dev.toolkit.http.server.HttpRequest} (the request environment, its body
 * read as it arrives) and answers with an {@link dev.toolkit.http.server.HttpResponse}. The server handles the
 * rest of HTTP/1.1: keep-alive, pipelining order, {@code Date}, {@code Content-Length} or chunked framing,
 * {@code HEAD}, compression, {@code Expect: 100-continue}, limits and time-outs, the access log.
 */
package dev.toolkit.http.server;

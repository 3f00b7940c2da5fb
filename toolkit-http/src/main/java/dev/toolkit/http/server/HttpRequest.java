package dev.toolkit.http.server;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/** The request environment an {@link HttpApplication} answers: everything WSGI's {@code environ} holds. */
public interface HttpRequest {

    /** The method. */
    HttpMethod method();

    /** The request-target as received. */
    String uri();

    /** The path, still percent-encoded, without the query. */
    String rawPath();

    /** The path, percent-decoded as UTF-8. */
    String path();

    /** The query (after {@code ?}), still encoded; {@code ""} when there is none. */
    String rawQuery();

    /** The query parameters, decoded, each name with its values in order. */
    Map<String, List<String>> queryParameters();

    /** The first value of the query parameter called {@code name}. */
    Optional<String> queryParameter(String name);

    /** The request's headers (a read-only view). */
    HttpHeaders headers();

    /** The protocol version of the request line. */
    HttpVersion protocolVersion();

    /**
     * {@code "https"} on a TLS connection, else {@code "http"}; a trusted proxy's {@code X-Forwarded-Proto} or
     * {@code Forwarded: proto=} overrides it.
     */
    String scheme();

    /**
     * The client's real address: the PROXY protocol's when the server reads it, else, when the direct peer is
     * a trusted proxy, the one its {@code Forwarded} / {@code X-Forwarded-For} header names, else the peer.
     */
    InetSocketAddress remoteAddress();

    /** The server's address of this connection. */
    InetSocketAddress localAddress();

    /** The host of the {@code Host} header when present, else the bound host. */
    String serverName();

    /** The port the server is bound to. */
    int serverPort();

    /** The path parameters a {@code Router} matched ({@code {id}}, and {@code "*"} for a trailing wildcard). */
    Map<String, String> pathParameters();

    /** The path parameter called {@code name}. */
    Optional<String> pathParameter(String name);

    /**
     * This request with {@code parameters} as its {@link #pathParameters()} (what a router passes to the
     * application of the route it matched); everything else, the body included, is this request's.
     *
     * @param parameters the path parameters, in the order of the pattern
     * @return a view of this request
     */
    default HttpRequest withPathParameters(Map<String, String> parameters) {
        return new RoutedRequest(this, parameters);
    }

    /** The body, read as it arrives. */
    RequestBody body();

    /** The server's bounded pool for blocking work (what {@link HttpApplication#blocking} runs on). */
    Executor workerPool();
}

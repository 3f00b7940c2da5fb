package dev.toolkit.http.mock;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a {@link MockHttpServer} received it: the request line, the header fields in received order
 * (duplicates kept), the body (de-chunked), the trailers, the raw bytes of the head as they came off the wire,
 * and where it came from: which connection ({@link #connectionIndex()}) and its place on it
 * ({@link #sequenceOnConnection()}), so a test can see keep-alive reuse. Immutable.
 */
public final class RecordedRequest {

    private final HttpMethod method;
    private final String target;
    private final HttpVersion version;
    private final HttpHeaders headers;
    private final byte[] body;
    private final boolean chunked;
    private final HttpHeaders trailers;
    private final byte[] rawHead;
    private final int connectionIndex;
    private final int sequenceOnConnection;
    private final InetSocketAddress remoteAddress;
    private final String failure;

    RecordedRequest(HttpMethod method, String target, HttpVersion version, HttpHeaders headers, byte[] body,
                    boolean chunked, HttpHeaders trailers, byte[] rawHead, int connectionIndex,
                    int sequenceOnConnection, InetSocketAddress remoteAddress, String failure) {
        this.method = method;
        this.target = target;
        this.version = version;
        this.headers = new DefaultHttpHeaders().add(headers);
        this.body = body;
        this.chunked = chunked;
        this.trailers = new DefaultHttpHeaders().add(trailers);
        this.rawHead = rawHead;
        this.connectionIndex = connectionIndex;
        this.sequenceOnConnection = sequenceOnConnection;
        this.remoteAddress = remoteAddress;
        this.failure = failure;
    }

    /** The request method. */
    public HttpMethod method() {
        return method;
    }

    /** The request-target as received: {@code /path?query}, or an absolute URL (to a proxy), or {@code *}. */
    public String target() {
        return target;
    }

    /** The path of the target, still percent-encoded, without the query (of an absolute URL: its path). */
    public String path() {
        String path = originForm();
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** The query of the target, still percent-encoded, without the {@code ?}; empty when there is none. */
    public String query() {
        String path = originForm();
        int query = path.indexOf('?');
        return query < 0 ? "" : path.substring(query + 1);
    }

    /** The query parameters, decoded (UTF-8), in order. */
    public Map<String, List<String>> queryParameters() {
        return new QueryStringDecoder(query(), StandardCharsets.UTF_8, false).parameters();
    }

    /** The first value of the query parameter {@code name}. */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The target without the scheme and authority of an absolute URL. */
    private String originForm() {
        int scheme = target.indexOf("://");
        if (target.startsWith("/") || scheme < 0) {
            return target;
        }
        int path = target.indexOf('/', scheme + 3);
        int query = target.indexOf('?', scheme + 3);
        if (path < 0 || query >= 0 && query < path) {
            return query < 0 ? "/" : "/" + target.substring(query);
        }
        return target.substring(path);
    }

    /** The protocol version of the request line. */
    public HttpVersion version() {
        return version;
    }

    /** The header fields in received order, duplicates kept (a copy). */
    public HttpHeaders headers() {
        return new DefaultHttpHeaders().add(headers);
    }

    /** The first value of the header field {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The body as received, de-chunked (a copy); empty when there was none or it was not read. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the body came with {@code Transfer-Encoding: chunked}. */
    public boolean chunked() {
        return chunked;
    }

    /** The trailer fields after a chunked body (a copy; empty when none). */
    public HttpHeaders trailers() {
        return new DefaultHttpHeaders().add(trailers);
    }

    /** The bytes of the request line and header section exactly as received, the final empty line included. */
    public byte[] rawHead() {
        return rawHead.clone();
    }

    /** {@link #rawHead()} as ISO-8859-1 text, for assertions on the wire form. */
    public String rawHeadText() {
        return new String(rawHead, StandardCharsets.ISO_8859_1);
    }

    /** Which connection carried the request: 0 for the server's first accepted connection, then 1, 2... */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** The request's place on its connection: 0 for the first, 1 for the next on the same connection... */
    public int sequenceOnConnection() {
        return sequenceOnConnection;
    }

    /** The client's address ({@code null} off a socket, as on Netty's {@code EmbeddedChannel}). */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * Why the server could not take the request as it came, when it could not (a malformed head, a body over
     * the limit): the server answered it with a 4xx status and closed the connection.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version + " (connection " + connectionIndex + ", request "
                + sequenceOnConnection + ", " + body.length + " body bytes" + (chunked ? ", chunked" : "")
                + (failure != null ? ", failed: " + failure : "") + ")";
    }
}

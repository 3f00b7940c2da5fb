package dev.toolkit.http.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/** The request environment of one request, made when its head arrives; the path and query are decoded lazily. */
final class RequestEnvironment implements HttpRequest {

    private final io.netty.handler.codec.http.HttpRequest head;
    private final String uri;
    private final ClientOrigin origin;
    private final InetSocketAddress local;
    private final StreamingBody body;
    private final Executor workers;
    private HttpHeaders headers;
    private QueryStringDecoder decoded;
    private Map<String, List<String>> query;

    RequestEnvironment(io.netty.handler.codec.http.HttpRequest head, ClientOrigin origin, InetSocketAddress local,
            StreamingBody body, Executor workers) {
        this.head = head;
        this.uri = head.uri();
        this.origin = origin;
        this.local = local;
        this.body = body;
        this.workers = workers;
    }

    private QueryStringDecoder decoded() {
        QueryStringDecoder d = decoded;
        if (d == null) {
            d = new QueryStringDecoder(originForm(uri), StandardCharsets.UTF_8, true);
            decoded = d;
        }
        return d;
    }

    /** The path and query of an absolute-form target ({@code http://host/path?q}); other forms unchanged. */
    static String originForm(String target) {
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < 6 && !target.startsWith("/")) {
            int path = target.indexOf('/', scheme + 3);
            int query = target.indexOf('?', scheme + 3);
            if (path < 0 || query >= 0 && query < path) {
                return query < 0 ? "/" : "/" + target.substring(query);
            }
            return target.substring(path);
        }
        return target;
    }

    @Override
    public HttpMethod method() {
        return head.method();
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String rawPath() {
        return decoded().rawPath();
    }

    @Override
    public String path() {
        return decoded().path();
    }

    @Override
    public String rawQuery() {
        return decoded().rawQuery();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        Map<String, List<String>> q = query;
        if (q == null) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            decoded().parameters().forEach((name, values) -> copy.put(name, List.copyOf(values)));
            q = Collections.unmodifiableMap(copy);
            query = q;
        }
        return q;
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders h = headers;
        if (h == null) {
            h = HttpResponse.readOnly(head.headers());
            headers = h;
        }
        return h;
    }

    @Override
    public HttpVersion protocolVersion() {
        return head.protocolVersion();
    }

    @Override
    public String scheme() {
        return origin.scheme;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return origin.address;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public String serverName() {
        String host = head.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isEmpty()) {
            return local == null ? "" : local.getHostString();
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(1, close) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    @Override
    public int serverPort() {
        return local == null ? 0 : local.getPort();
    }

    @Override
    public Map<String, String> pathParameters() {
        return Map.of();
    }

    @Override
    public Optional<String> pathParameter(String name) {
        return Optional.empty();
    }

    @Override
    public RequestBody body() {
        return body;
    }

    @Override
    public Executor workerPool() {
        return workers;
    }

    /** The request line as received, for the access log. */
    String requestLine() {
        return head.method().name() + " " + uri + " " + head.protocolVersion().text();
    }

    @Override
    public String toString() {
        return "HttpRequest{" + requestLine() + " from " + origin.address + "}";
    }
}

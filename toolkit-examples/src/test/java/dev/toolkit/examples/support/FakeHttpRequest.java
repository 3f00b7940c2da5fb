package dev.toolkit.examples.support;

import dev.toolkit.http.server.Form;
import dev.toolkit.http.server.HttpRequest;
import dev.toolkit.http.server.RequestBody;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A request environment made in a test, without a server: method, request-target, headers and a body of
 * bytes, from 127.0.0.1:50000 to 127.0.0.1:8000 over plain HTTP/1.1. Forms are not parsed here (the server's
 * form parser is tested with the server); asking for one fails with a message that says so.
 */
public final class FakeHttpRequest implements HttpRequest {

    private final HttpMethod method;
    private final String uri;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private final byte[] body;
    private final QueryStringDecoder decoded;

    private FakeHttpRequest(HttpMethod method, String uri, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.body = body;
        this.decoded = new QueryStringDecoder(uri);
    }

    /** A request without a body. */
    public static FakeHttpRequest of(String method, String uri) {
        return new FakeHttpRequest(HttpMethod.valueOf(method), uri, new byte[0]);
    }

    /** A request with {@code body}. */
    public static FakeHttpRequest of(String method, String uri, byte[] body) {
        return new FakeHttpRequest(HttpMethod.valueOf(method), uri, body.clone());
    }

    /** Adds a header; returns this request. */
    public FakeHttpRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    @Override
    public HttpMethod method() {
        return method;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String rawPath() {
        return decoded.rawPath();
    }

    @Override
    public String path() {
        return decoded.path();
    }

    @Override
    public String rawQuery() {
        return decoded.rawQuery();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return decoded.parameters();
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = decoded.parameters().get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public HttpVersion protocolVersion() {
        return HttpVersion.HTTP_1_1;
    }

    @Override
    public String scheme() {
        return "http";
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8000);
    }

    @Override
    public String serverName() {
        String host = headers.get("Host", "127.0.0.1");
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public int serverPort() {
        return 8000;
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
        return new BytesBody();
    }

    @Override
    public Executor workerPool() {
        return Runnable::run;
    }

    /** The body as bytes; no form parsing. */
    private final class BytesBody implements RequestBody {
        @Override
        public long contentLength() {
            return body.length;
        }

        @Override
        public InputStream stream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public byte[] bytes() {
            return body.clone();
        }

        @Override
        public CompletableFuture<byte[]> bytesAsync() {
            return CompletableFuture.completedFuture(bytes());
        }

        @Override
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public CompletableFuture<String> textAsync() {
            return CompletableFuture.completedFuture(text());
        }

        @Override
        public <T> T json(Class<T> type) {
            throw new UnsupportedOperationException("a FakeHttpRequest does not parse JSON; test it with the server");
        }

        @Override
        public <T> CompletableFuture<T> jsonAsync(Class<T> type) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "a FakeHttpRequest does not parse JSON; test it with the server"));
        }

        @Override
        public Form form() {
            throw new UnsupportedOperationException("a FakeHttpRequest does not parse forms; test it with the server");
        }

        @Override
        public CompletableFuture<Form> formAsync() {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "a FakeHttpRequest does not parse forms; test it with the server"));
        }
    }
}

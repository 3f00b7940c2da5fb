package dev.toolkit.http.server;

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
import java.util.concurrent.Executor;

/** A request environment for tests of applications on their own: no connection, and work runs in the caller. */
public final class FakeRequest implements HttpRequest {

    private final HttpMethod method;
    private final String uri;
    private final String rawPath;
    private final String rawQuery;
    private final HttpHeaders headers = new DefaultHttpHeaders();

    private FakeRequest(HttpMethod method, String uri) {
        this.method = method;
        this.uri = uri;
        int question = uri.indexOf('?');
        this.rawPath = question < 0 ? uri : uri.substring(0, question);
        this.rawQuery = question < 0 ? "" : uri.substring(question + 1);
    }

    /** A request for {@code uri} with {@code method}. */
    public static FakeRequest of(HttpMethod method, String uri) {
        return new FakeRequest(method, uri);
    }

    /** A GET request for {@code uri}. */
    public static FakeRequest get(String uri) {
        return of(HttpMethod.GET, uri);
    }

    /** Adds a header. */
    public FakeRequest header(CharSequence name, Object value) {
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
        return rawPath;
    }

    @Override
    public String path() {
        return new QueryStringDecoder(rawPath, StandardCharsets.UTF_8, true).path();
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return new QueryStringDecoder(uri).parameters();
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters().get(name);
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
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8000);
    }

    @Override
    public String serverName() {
        return "127.0.0.1";
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
        throw new UnsupportedOperationException("a fake request has no body");
    }

    @Override
    public Executor workerPool() {
        return Runnable::run;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}

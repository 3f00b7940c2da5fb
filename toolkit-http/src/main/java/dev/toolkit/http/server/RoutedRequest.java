package dev.toolkit.http.server;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/** A request with the path parameters a router matched; every other answer is the wrapped request's. */
final class RoutedRequest implements HttpRequest {

    private final HttpRequest request;
    private final Map<String, String> parameters;

    RoutedRequest(HttpRequest request, Map<String, String> parameters) {
        this.request = request instanceof RoutedRequest ? ((RoutedRequest) request).request : request;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    @Override
    public HttpMethod method() {
        return request.method();
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public String rawPath() {
        return request.rawPath();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public String rawQuery() {
        return request.rawQuery();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return request.queryParameters();
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return request.queryParameter(name);
    }

    @Override
    public HttpHeaders headers() {
        return request.headers();
    }

    @Override
    public HttpVersion protocolVersion() {
        return request.protocolVersion();
    }

    @Override
    public String scheme() {
        return request.scheme();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return request.localAddress();
    }

    @Override
    public String serverName() {
        return request.serverName();
    }

    @Override
    public int serverPort() {
        return request.serverPort();
    }

    @Override
    public Map<String, String> pathParameters() {
        return parameters;
    }

    @Override
    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public RequestBody body() {
        return request.body();
    }

    @Override
    public Executor workerPool() {
        return request.workerPool();
    }

    @Override
    public String toString() {
        return request + " " + parameters;
    }
}

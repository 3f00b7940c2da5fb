package dev.toolkit.bench.http;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.HttpServer;
import dev.toolkit.http.server.HttpServerConfig;

/**
 * The HTTP benchmark's candidate: the toolkit's hello world as a user writes it, the fastest documented way. A
 * non-blocking application ({@link HttpApplication#nonBlocking}, called on the event loop) answering every
 * request with one fixed {@link HttpResponse#text} value ({@value NettyHttpBaselineServer#BODY},
 * {@code text/plain; charset=utf-8}), bound by {@link HttpServer#bind} with the defaults of
 * {@link HttpServerConfig} and core's {@link ServerConfig} (event loop architecture, epoll where available,
 * Netty's default thread count, every limit and time-out at its default) except the access log, which is off
 * (a benchmark, like the examples run quiet, logs no line per request).
 *
 * <p>As a program ({@code java ... ToolkitHelloWorldServer host [port]}) it prints {@code Listening at HOST:PORT}
 * and serves until killed.
 */
public final class ToolkitHelloWorldServer {

    /** What the results file says about this server. */
    static final String DESCRIPTION = "the toolkit's hello world as a user writes it: `HttpServer.bind` of"
            + " `HttpApplication.nonBlocking(request -> HELLO)`, `HELLO` being one fixed"
            + " `HttpResponse.text(200, \"Hello, World!\")`; `HttpServerConfig` and core's `ServerConfig` at"
            + " their defaults (event loop architecture on epoll, Netty's default thread count, every limit and"
            + " time-out at its default, e.g. 1000 requests per connection, then `Connection: close`) except"
            + " `accessLog(false)`.";

    private static final HttpResponse HELLO = HttpResponse.text(200, NettyHttpBaselineServer.BODY);

    private ToolkitHelloWorldServer() {
    }

    /**
     * Serves until killed; arguments {@code host [port]} (port 0, the default, for an ephemeral one).
     *
     * @param args the host to listen on and optionally the port
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ToolkitHelloWorldServer host [port]");
            System.exit(2);
        }
        RunningServer<ConnectionMetrics> server = start(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 0);
        System.out.println(Listening.line(server.localAddress()));
        server.awaitClosed();
    }

    /** Binds the hello world on {@code host} at {@code port} (0 for an ephemeral one). */
    public static RunningServer<ConnectionMetrics> start(String host, int port) {
        HttpServerConfig config = HttpServerConfig.builder()
                .server(ServerConfig.builder().name("toolkit-hello").host(host).port(port).build())
                .accessLog(false)
                .build();
        return HttpServer.bind(config, HttpApplication.nonBlocking(request -> HELLO));
    }
}

package dev.toolkit.http.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.Servers;

import java.util.Objects;

/**
 * The HTTP/1.1 server's entry point: binds an {@link HttpApplication} and returns once listening.
 *
 * <p>It runs on core's {@link Servers#start}, so every core setting of {@link HttpServerConfig#server()}
 * applies: the architecture, TLS ({@code ServerConfig.security}, which makes it HTTPS), the PROXY protocol,
 * connection limits and graceful drain ({@link RunningServer#closeGracefully}: requests in flight finish, idle
 * keep-alive connections are closed, a connection in the middle of a request gets {@code Connection: close}
 * on its response).
 */
public final class HttpServer {

    private HttpServer() {
    }

    /**
     * Binds {@code application} with {@link HttpServerConfig}'s defaults (127.0.0.1, an ephemeral port, named
     * {@code http-server}).
     *
     * @return the running server: {@code localAddress()}, {@code metrics()}, {@code closeGracefully(Duration)}
     */
    public static RunningServer<ConnectionMetrics> bind(HttpApplication application) {
        return bind(HttpServerConfig.defaults(), application);
    }

    /**
     * Binds {@code application} with {@code config} and returns once listening.
     *
     * @return the running server: {@code localAddress()}, {@code metrics()}, {@code closeGracefully(Duration)},
     *     {@code close()}, {@code awaitClosed()}
     * @throws dev.toolkit.core.error.AddressInUseException if the address is taken
     */
    public static RunningServer<ConnectionMetrics> bind(HttpServerConfig config, HttpApplication application) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(application, "application");
        throw new UnsupportedOperationException("the HTTP server's protocol is not assembled yet");
    }
}

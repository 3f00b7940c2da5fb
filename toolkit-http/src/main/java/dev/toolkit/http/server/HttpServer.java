package dev.toolkit.http.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.NamedProtocol;
import dev.toolkit.core.server.ProtocolFactory;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.Servers;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP/1.1 server's entry point: binds an {@link HttpApplication} and returns once listening.
 *
 * <p>It runs on core's {@link Servers#start}, so every core setting of {@link HttpServerConfig#server()}
 * applies: the architecture, TLS ({@code ServerConfig.security}, which makes it HTTPS), the PROXY protocol,
 * connection limits and graceful drain ({@link RunningServer#closeGracefully}: requests in flight finish, idle
 * keep-alive connections are closed, a connection in the middle of a request gets {@code Connection: close}
 * on its response).
 *
 * <p>Under {@link Architecture#MULTI_PROCESS} each worker process makes the application again by its class
 * name, so the application must then be a public class with a public no-argument constructor.
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
     * @throws IllegalArgumentException under {@code MULTI_PROCESS}, if the application cannot be made by its
     *     class name in a worker
     */
    public static RunningServer<ConnectionMetrics> bind(HttpServerConfig config, HttpApplication application) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(application, "application");
        if (config.server().architecture() == Architecture.MULTI_PROCESS) {
            return Servers.start(config.server(), NamedProtocol.of(WorkerFactory.class,
                    WorkerFactory.arguments(config, application)));
        }
        HttpProtocol protocol = new HttpProtocol(config, application);
        RunningServer<ConnectionMetrics> running;
        try {
            running = Servers.start(config.server(), protocol);
        } catch (RuntimeException | Error e) {
            protocol.shutdown();
            throw e;
        }
        Thread reaper = new Thread(() -> {
            running.awaitClosed();
            protocol.shutdown();
        }, config.server().name() + "-http-stop");
        reaper.setDaemon(true);
        reaper.start();
        return running;
    }

    /**
     * Makes an HTTP server's protocol in a {@code MULTI_PROCESS} worker: the application by its class name,
     * and the HTTP settings, from the arguments {@link HttpServer#bind} gives it. Not for direct use.
     */
    public static final class WorkerFactory implements ProtocolFactory {

        /** Made by the worker process, by its class name. */
        public WorkerFactory() {
        }

        static List<String> arguments(HttpServerConfig config, HttpApplication application) {
            Class<?> type = application.getClass();
            if (!Modifier.isPublic(type.getModifiers()) || type.isSynthetic() || type.isAnonymousClass()
                    || type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
                throw new IllegalArgumentException("a MULTI_PROCESS HTTP server makes its application in each"
                        + " worker by class name, so it must be a public class with a public no-argument"
                        + " constructor: " + type.getName());
            }
            try {
                type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("a MULTI_PROCESS HTTP server's application needs a public"
                        + " no-argument constructor: " + type.getName(), e);
            }
            return List.of(type.getName(), config.server().name(),
                    Integer.toString(config.maxRequestLineLength()), Integer.toString(config.maxHeaderSize()),
                    Integer.toString(config.maxHeaderCount()), Long.toString(config.maxBodySize()),
                    config.headerTimeout().toString(), config.bodyTimeout().toString(),
                    config.keepAliveTimeout().toString(), Integer.toString(config.maxRequestsPerConnection()),
                    Integer.toString(config.maxPipelinedRequests()), Integer.toString(config.workerThreads()),
                    Integer.toString(config.workerQueue()), Boolean.toString(config.compression()),
                    Integer.toString(config.compressionMinSize()), Boolean.toString(config.accessLog()),
                    String.join(",", config.trustedProxies()));
        }

        @Override
        public ProtocolDefinition create(List<String> arguments) {
            if (arguments.size() != 17) {
                throw new IllegalArgumentException("an HTTP worker needs 17 arguments, not " + arguments.size()
                        + ": " + arguments);
            }
            HttpApplication application;
            try {
                application = (HttpApplication) Class.forName(arguments.get(0)).getConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalArgumentException("cannot make the HTTP application " + arguments.get(0) + ": " + e,
                        e);
            }
            List<String> proxies = arguments.get(16).isEmpty() ? List.of()
                    : new ArrayList<>(Arrays.asList(arguments.get(16).split(",")));
            HttpServerConfig config;
            try {
                config = HttpServerConfig.builder()
                        .server(dev.toolkit.core.server.ServerConfig.builder().name(arguments.get(1)).build())
                        .maxRequestLineLength(Integer.parseInt(arguments.get(2)))
                        .maxHeaderSize(Integer.parseInt(arguments.get(3)))
                        .maxHeaderCount(Integer.parseInt(arguments.get(4)))
                        .maxBodySize(Long.parseLong(arguments.get(5)))
                        .headerTimeout(Duration.parse(arguments.get(6)))
                        .bodyTimeout(Duration.parse(arguments.get(7)))
                        .keepAliveTimeout(Duration.parse(arguments.get(8)))
                        .maxRequestsPerConnection(Integer.parseInt(arguments.get(9)))
                        .maxPipelinedRequests(Integer.parseInt(arguments.get(10)))
                        .workerThreads(Integer.parseInt(arguments.get(11)))
                        .workerQueue(Integer.parseInt(arguments.get(12)))
                        .compression(Boolean.parseBoolean(arguments.get(13)))
                        .compressionMinSize(Integer.parseInt(arguments.get(14)))
                        .accessLog(Boolean.parseBoolean(arguments.get(15)))
                        .trustedProxies(proxies)
                        .build();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("wrong HTTP worker arguments " + arguments + ": " + e.getMessage(),
                        e);
            }
            return new HttpProtocol(config, application);
        }
    }
}

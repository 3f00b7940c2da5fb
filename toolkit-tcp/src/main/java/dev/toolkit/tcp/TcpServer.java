package dev.toolkit.tcp;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;

import java.time.Duration;
import java.util.Objects;

/**
 * The entry point of stream servers: binds a {@link ServerConfig} (core's one place for server settings:
 * address, {@link Architecture}, limits, time-outs, TLS) with the protocol every connection speaks, through
 * toolkit-core's {@link Servers}.
 *
 * <pre>{@code
 * RunningServer server = TcpServer.bind(ServerConfig.builder()
 *         .host("127.0.0.1").port(1060).backlog(64)
 *         .architecture(Architecture.THREAD_POOL).threads(4)
 *         .build(), new ZenProtocol());
 * }</pre>
 *
 * <p>Defaults are those of {@link ServerConfig}: 127.0.0.1, an ephemeral port, the event loop, SO_REUSEADDR
 * and TCP_NODELAY on, 1024 connections at most, a 5-minute idle time-out, and at most 4 MiB queued for one
 * connection (a peer that does not read gets a clear error, never unbounded memory).
 */
public final class TcpServer {

    /** The name of a server bound with the defaults, in its threads and log lines. */
    static final String DEFAULT_NAME = "tcp-server";

    private TcpServer() {
    }

    /**
     * Binds a server with the defaults of {@link ServerConfig} (named {@code tcp-server}), serving
     * {@code protocol}; returns once it listens.
     *
     * @see #bind(ServerConfig, ProtocolDefinition)
     */
    public static RunningServer bind(ProtocolDefinition protocol) {
        return bind(ServerConfig.builder().name(DEFAULT_NAME).build(), protocol);
    }

    /**
     * Binds and starts a server with {@code config}'s settings, serving {@code protocol} on every connection;
     * returns once it listens.
     *
     * @return the running server: its {@link RunningServer#localAddress() address}, counters,
     *     {@link RunningServer#closeGracefully(Duration) graceful stop}
     * @throws dev.toolkit.core.error.ToolkitException if the address cannot be bound
     */
    public static RunningServer bind(ServerConfig config, ProtocolDefinition protocol) {
        return Servers.start(Objects.requireNonNull(config, "config"), Objects.requireNonNull(protocol, "protocol"));
    }
}

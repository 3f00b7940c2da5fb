package dev.toolkit.tcp;

import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A stream server, configured the Reactor Netty way: {@link #create()}, then each setting returns a new
 * configured copy (so a configured server can be shared and varied), then {@link #bind()} starts it under the
 * chosen {@link Architecture} through toolkit-core's {@link Servers}.
 *
 * <pre>{@code
 * RunningServer server = TcpServer.create()
 *         .host("127.0.0.1").port(1060).backlog(64)
 *         .architecture(Architecture.THREAD_POOL).threads(4)
 *         .handle(new ZenProtocol())
 *         .bind();
 * }</pre>
 *
 * <p>Defaults are those of {@link ServerConfig}: 127.0.0.1, an ephemeral port, the event loop, SO_REUSEADDR
 * and TCP_NODELAY on, 1024 connections at most, a 5-minute idle time-out, and at most 4 MiB queued for one
 * connection (a peer that does not read gets a clear error, never unbounded memory).
 */
public final class TcpServer {

    private final ServerConfig config;
    private final ProtocolDefinition protocol;

    private TcpServer(ServerConfig config, ProtocolDefinition protocol) {
        this.config = config;
        this.protocol = protocol;
    }

    /** A server with the defaults and no protocol yet. */
    public static TcpServer create() {
        return new TcpServer(ServerConfig.builder().name("tcp-server").build(), null);
    }

    /** A server with {@code config}'s settings and no protocol yet. */
    public static TcpServer create(ServerConfig config) {
        return new TcpServer(Objects.requireNonNull(config, "config"), null);
    }

    private TcpServer with(Consumer<ServerConfig.Builder> change) {
        ServerConfig.Builder b = config.toBuilder();
        change.accept(b);
        return new TcpServer(b.build(), protocol);
    }

    /** A copy with any setting of {@link ServerConfig.Builder} changed. */
    public TcpServer configure(Consumer<ServerConfig.Builder> change) {
        return with(Objects.requireNonNull(change, "change"));
    }

    /** The interface to listen on ({@code ""} for every interface, IPv4 and IPv6; {@code "::1"} for IPv6). */
    public TcpServer host(String host) {
        return with(b -> b.host(host));
    }

    /** The port (0 for an ephemeral one). */
    public TcpServer port(int port) {
        return with(b -> b.port(port));
    }

    /** How connections are served. */
    public TcpServer architecture(Architecture architecture) {
        return with(b -> b.architecture(architecture));
    }

    /** Threads of the pool or the event loop (0 for the architecture's default). */
    public TcpServer threads(int threads) {
        return with(b -> b.threads(threads));
    }

    /** Worker processes of {@link Architecture#MULTI_PROCESS}. */
    public TcpServer processes(int processes) {
        return with(b -> b.processes(processes));
    }

    /** The listen backlog. */
    public TcpServer backlog(int backlog) {
        return with(b -> b.backlog(backlog));
    }

    /** SO_REUSEADDR on the listener. */
    public TcpServer reuseAddress(boolean on) {
        return with(b -> b.reuseAddress(on));
    }

    /** SO_REUSEPORT on the listener. */
    public TcpServer reusePort(boolean on) {
        return with(b -> b.reusePort(on));
    }

    /** TCP_NODELAY on connections. */
    public TcpServer tcpNoDelay(boolean on) {
        return with(b -> b.tcpNoDelay(on));
    }

    /** SO_KEEPALIVE on connections. */
    public TcpServer keepAlive(boolean on) {
        return with(b -> b.keepAlive(on));
    }

    /** Whether a client's end of output only half-closes the connection (the server may still answer). */
    public TcpServer allowHalfClosure(boolean on) {
        return with(b -> b.allowHalfClosure(on));
    }

    /** The most connections open at once. */
    public TcpServer maxConnections(int max) {
        return with(b -> b.maxConnections(max));
    }

    /** The most connections open at once from one IP address (0 for no limit). */
    public TcpServer maxConnectionsPerIp(int max) {
        return with(b -> b.maxConnectionsPerIp(max));
    }

    /** Close a connection with no traffic for this long ({@code null} for never). */
    public TcpServer idleTimeout(Duration timeout) {
        return with(b -> b.idleTimeout(timeout));
    }

    /** Close a connection that sends nothing for this long ({@code null} for never). */
    public TcpServer readTimeout(Duration timeout) {
        return with(b -> b.readTimeout(timeout));
    }

    /** Close a connection whose frame in progress is not complete this long after it began ({@code null} for never). */
    public TcpServer frameTimeout(Duration timeout) {
        return with(b -> b.frameTimeout(timeout));
    }

    /** Close a connection whose peer takes none of the bytes waiting for it for this long ({@code null} for never). */
    public TcpServer writeTimeout(Duration timeout) {
        return with(b -> b.writeTimeout(timeout));
    }

    /** The most frames handed to a connection's protocol per turn of its loop. */
    public TcpServer maxFramesPerTurn(int max) {
        return with(b -> b.maxFramesPerTurn(max));
    }

    /** Write buffer water marks: above {@code high} queued bytes a connection is not writable. */
    public TcpServer writeBufferWaterMark(int low, int high) {
        return with(b -> b.writeBufferWaterMark(low, high));
    }

    /** The bound on queued-but-unsent bytes per connection; beyond it a write fails and the connection closes. */
    public TcpServer maxPendingWriteBytes(int max) {
        return with(b -> b.maxPendingWriteBytes(max));
    }

    /** Logs every connection's bytes (as text) when on: the one switch for wire logging. */
    public TcpServer wiretap(boolean on) {
        return with(b -> b.wireLog(on ? WireLog.TEXT : WireLog.OFF));
    }

    /** The server's name, for threads and log lines. */
    public TcpServer name(String name) {
        return with(b -> b.name(name));
    }

    /** A copy serving {@code protocol} on every connection. */
    public TcpServer handle(ProtocolDefinition protocol) {
        return new TcpServer(config, Objects.requireNonNull(protocol, "protocol"));
    }

    /** The settings this server will start with. */
    public ServerConfig config() {
        return config;
    }

    /**
     * Binds and starts the server; returns once it listens.
     *
     * @return the running server: its {@link RunningServer#localAddress() address}, counters,
     *     {@link RunningServer#closeGracefully(Duration) graceful stop}
     * @throws IllegalStateException if no protocol was given with {@link #handle}
     * @throws dev.toolkit.core.error.ToolkitException if the address cannot be bound
     */
    public RunningServer bind() {
        if (protocol == null) {
            throw new IllegalStateException("no protocol: call handle(...) before bind()");
        }
        return Servers.start(config, protocol);
    }

    @Override
    public String toString() {
        return "TcpServer{" + config + "}";
    }
}

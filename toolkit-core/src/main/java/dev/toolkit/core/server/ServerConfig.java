package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ClientAddress;
import dev.toolkit.core.pipeline.PipelineSettings;
import dev.toolkit.core.pipeline.ServerSecurity;
import dev.toolkit.core.pipeline.ProxyProtocol;
import dev.toolkit.core.config.Validation;
import dev.toolkit.core.names.BindAddress;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.transport.Transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of a server: where it listens, which {@link Architecture} serves it, and its limits.
 * Every default is safe for a server exposed to strangers and every one can be changed.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .host("127.0.0.1").port(1060)
 *         .architecture(Architecture.THREAD_POOL).threads(4)
 *         .idleTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
public final class ServerConfig {

    /** Default listen backlog. */
    public static final int DEFAULT_BACKLOG = 128;
    /** Default maximum of open connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    /** Default idle time-out: a connection with no traffic for this long is closed. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The default per-address limit is the total limit divided by this (at least 1): one address may hold an
     * eighth of the places, so a client that opens connections without end cannot lock everyone else out.
     */
    public static final int DEFAULT_PER_IP_DIVISOR = 8;
    /**
     * Default time-out of a frame in progress: bytes of a frame were received but the frame is not complete
     * this long after it began (a client trickling a request a byte at a time).
     */
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(30);
    /** Default write time-out: bytes are waiting for the peer and none is taken for this long. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Default most frames handed to the protocol per connection and turn of the event loop. */
    public static final int DEFAULT_MAX_FRAMES_PER_TURN = 64;
    /** Default bound on bytes queued for writing to one connection. */
    public static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 4 * 1024 * 1024;
    /** Default grace of the drain on SIGTERM or SIGINT. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final Architecture architecture;
    private final Transport transport;
    private final int threads;
    private final int processes;
    private final int backlog;
    private final boolean reuseAddress;
    private final boolean reusePort;
    private final boolean tcpNoDelay;
    private final boolean keepAlive;
    private final boolean allowHalfClosure;
    private final int maxConnections;
    private final int maxConnectionsPerIp;
    /** As set on the builder; {@code null} when derived from the total. */
    private final Integer maxConnectionsPerIpSet;
    private final Duration idleTimeout;
    private final Duration readTimeout;
    private final Duration frameTimeout;
    private final Duration writeTimeout;
    private final int maxFramesPerTurn;
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;
    private final int maxPendingWriteBytes;
    private final WireLog wireLog;
    private final ProxyProtocol proxyProtocol;
    private final String name;
    private final ServerSecurity security;
    private final Duration shutdownGrace;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.architecture = b.architecture;
        this.transport = b.transport;
        this.threads = b.threads;
        this.processes = b.processes;
        this.backlog = b.backlog;
        this.reuseAddress = b.reuseAddress;
        this.reusePort = b.reusePort;
        this.tcpNoDelay = b.tcpNoDelay;
        this.keepAlive = b.keepAlive;
        this.allowHalfClosure = b.allowHalfClosure;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerIpSet = b.maxConnectionsPerIp;
        this.maxConnectionsPerIp = b.maxConnectionsPerIp != null ? b.maxConnectionsPerIp
                : Math.max(1, b.maxConnections / DEFAULT_PER_IP_DIVISOR);
        this.idleTimeout = b.idleTimeout;
        this.readTimeout = b.readTimeout;
        this.frameTimeout = b.frameTimeout;
        this.writeTimeout = b.writeTimeout;
        this.maxFramesPerTurn = b.maxFramesPerTurn;
        this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        this.maxPendingWriteBytes = b.maxPendingWriteBytes;
        this.wireLog = b.wireLog;
        this.proxyProtocol = b.proxyProtocol;
        this.name = b.name;
        this.security = b.security;
        this.shutdownGrace = b.shutdownGrace;
    }

    /** A builder with the defaults: 127.0.0.1, an ephemeral port, the event loop architecture. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.architecture = architecture;
        b.transport = transport;
        b.threads = threads;
        b.processes = processes;
        b.backlog = backlog;
        b.reuseAddress = reuseAddress;
        b.reusePort = reusePort;
        b.tcpNoDelay = tcpNoDelay;
        b.keepAlive = keepAlive;
        b.allowHalfClosure = allowHalfClosure;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerIp = maxConnectionsPerIpSet;
        b.idleTimeout = idleTimeout;
        b.readTimeout = readTimeout;
        b.frameTimeout = frameTimeout;
        b.writeTimeout = writeTimeout;
        b.maxFramesPerTurn = maxFramesPerTurn;
        b.writeBufferLowWaterMark = writeBufferLowWaterMark;
        b.writeBufferHighWaterMark = writeBufferHighWaterMark;
        b.maxPendingWriteBytes = maxPendingWriteBytes;
        b.wireLog = wireLog;
        b.proxyProtocol = proxyProtocol;
        b.name = name;
        b.security = security;
        b.shutdownGrace = shutdownGrace;
        return b;
    }

    /**
     * The interface to listen on; empty for every interface: the dual-stack wildcard address where the host has
     * IPv6 (see {@link BindAddress}).
     */
    public String host() {
        return host;
    }

    /** The port to listen on; 0 for an ephemeral port. */
    public int port() {
        return port;
    }

    /** How connections are served. */
    public Architecture architecture() {
        return architecture;
    }

    /** The Netty transport for {@link Architecture#EVENT_LOOP} and {@link Architecture#MULTI_PROCESS}. */
    public Transport transport() {
        return transport;
    }

    /**
     * Worker threads: the pool size for {@link Architecture#THREAD_POOL} (0 = 4, like the book's
     * {@code srv_threaded}), the event loop threads for {@link Architecture#EVENT_LOOP} (0 = Netty's default).
     * {@link Architecture#SINGLE_CLIENT} and {@link Architecture#SELECTOR} always use one thread.
     */
    public int threads() {
        return threads;
    }

    /** Worker processes for {@link Architecture#MULTI_PROCESS}. */
    public int processes() {
        return processes;
    }

    /** The listen backlog. */
    public int backlog() {
        return backlog;
    }

    /** SO_REUSEADDR on the listening socket (default on, so a restarted server can bind at once). */
    public boolean reuseAddress() {
        return reuseAddress;
    }

    /** SO_REUSEPORT on the listening socket (always on for {@link Architecture#MULTI_PROCESS}). */
    public boolean reusePort() {
        return reusePort;
    }

    /** TCP_NODELAY on accepted connections (default on). */
    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    /** SO_KEEPALIVE on accepted connections (default off). */
    public boolean keepAlive() {
        return keepAlive;
    }

    /**
     * Whether the end of a client's input only half-closes the connection (the protocol sees Netty's
     * {@code ChannelInputShutdownEvent} and may still write), as end-of-file framing needs; when off, the end
     * of input closes the connection.
     */
    public boolean allowHalfClosure() {
        return allowHalfClosure;
    }

    /** The most connections open at once; more are closed on accept and counted as rejected. */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The most connections open at once from one IP address; 0 for no per-address limit. Unless set, it is
     * {@link #maxConnections()} / {@value #DEFAULT_PER_IP_DIVISOR} (at least 1).
     */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    /** Close a connection with no traffic either way for this long; {@code null} for never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Close a connection that sends nothing for this long; {@code null} for never. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Close a connection whose frame in progress (bytes received that its framing decoder holds, no complete
     * frame yet) is not completed this long after it began; {@code null} for never. Default 30 s.
     */
    public Duration frameTimeout() {
        return frameTimeout;
    }

    /**
     * Close a connection whose peer takes none of the bytes waiting for it for this long (it does not read);
     * under the blocking architectures, a write blocked this long. {@code null} for never. Default 30 s.
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * The most frames handed to a connection's protocol per turn of the event loop (or of the selector loop);
     * the rest of a read burst waits for the next turn, so one client pipelining requests cannot make the
     * others on its loop wait. Default {@value #DEFAULT_MAX_FRAMES_PER_TURN}.
     */
    public int maxFramesPerTurn() {
        return maxFramesPerTurn;
    }

    /** Below this many queued bytes a connection is writable again (Netty's low water mark). */
    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /** Above this many queued bytes a connection stops being writable and stops reading (back-pressure). */
    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /** Queued-but-unsent bytes beyond which a write fails and the connection closes with a clear error. */
    public int maxPendingWriteBytes() {
        return maxPendingWriteBytes;
    }

    /** Whether connections' bytes are logged. */
    public WireLog wireLog() {
        return wireLog;
    }

    /**
     * Whether connections start with an HAProxy PROXY protocol header (v1 or v2) naming the real client, as a
     * load balancer in front of the server sends it; read the client's address with
     * {@link ClientAddress#of(io.netty.channel.Channel)}. Default {@link ProxyProtocol#OFF}.
     */
    public ProxyProtocol proxyProtocol() {
        return proxyProtocol;
    }

    /** The server's name, used for thread names and log lines. */
    public String name() {
        return name;
    }

    /**
     * The security stage of every connection: TLS, e.g. a {@code dev.toolkit.tls.TlsServerConfig}; empty for
     * plaintext (the default). The handshake comes after the PROXY header and the limits, and the protocol sees
     * a connection only once its handshake succeeded.
     */
    public Optional<ServerSecurity> security() {
        return Optional.ofNullable(security);
    }

    /** The settings of each connection's pipeline ({@link dev.toolkit.core.pipeline.ConnectionPipeline}). */
    public PipelineSettings pipelineSettings() {
        return PipelineSettings.builder()
                .label(name)
                .proxyProtocol(proxyProtocol)
                .limits(maxConnections, maxConnectionsPerIp)
                .wireLog(wireLog)
                .trackExchanges(true)
                .maxPendingWriteBytes(maxPendingWriteBytes)
                .backPressure(true)
                .idleTimeout(idleTimeout)
                .readTimeout(readTimeout)
                .frameTimeout(frameTimeout)
                .writeTimeout(writeTimeout)
                .maxFramesPerTurn(maxFramesPerTurn)
                .writeBufferWaterMark(writeBufferLowWaterMark, writeBufferHighWaterMark)
                .build();
    }

    /**
     * How long exchanges in progress may run on when the process gets SIGTERM or SIGINT: the server then
     * drains as {@link RunningServer#closeGracefully(Duration)} does, and once every such server of the
     * process has stopped, the process exits with status 0. {@code null}: the signal is left to the JVM.
     */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** The socket address to bind: {@link #host()} and {@link #port()} by the one rule of {@link BindAddress}. */
    java.net.InetSocketAddress bindAddress() {
        return BindAddress.of(host, port);
    }

    @Override
    public String toString() {
        return "ServerConfig{" + name + " " + (host.isEmpty() ? "*" : host) + ":" + port + " " + architecture
                + ", transport=" + transport + ", threads=" + threads + ", processes=" + processes
                + ", backlog=" + backlog + ", maxConnections=" + maxConnections + ", maxConnectionsPerIp="
                + maxConnectionsPerIp + ", idleTimeout=" + idleTimeout + ", readTimeout=" + readTimeout
                + ", frameTimeout=" + frameTimeout + ", writeTimeout=" + writeTimeout
                + ", maxFramesPerTurn=" + maxFramesPerTurn
                + ", halfClosure=" + allowHalfClosure + ", wireLog=" + wireLog + ", proxyProtocol=" + proxyProtocol
                + (security != null ? ", security=" + security : "") + ", shutdownGrace=" + shutdownGrace + "}";
    }

    /** Builds a {@link ServerConfig}: the setters only store, {@link #build()} checks the whole. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Architecture architecture = Architecture.EVENT_LOOP;
        private Transport transport = Transport.AUTO;
        private int threads;
        private int processes = 2;
        private int backlog = DEFAULT_BACKLOG;
        private boolean reuseAddress = true;
        private boolean reusePort;
        private boolean tcpNoDelay = true;
        private boolean keepAlive;
        private boolean allowHalfClosure;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Integer maxConnectionsPerIp;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration readTimeout;
        private Duration frameTimeout = DEFAULT_FRAME_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private int maxFramesPerTurn = DEFAULT_MAX_FRAMES_PER_TURN;
        private int writeBufferLowWaterMark = 32 * 1024;
        private int writeBufferHighWaterMark = 64 * 1024;
        private int maxPendingWriteBytes = DEFAULT_MAX_PENDING_WRITE_BYTES;
        private WireLog wireLog = WireLog.OFF;
        private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;
        private String name = "toolkit-server";
        private ServerSecurity security;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

        private Builder() {
        }

        /** The interface to listen on (default 127.0.0.1); {@code null} or empty for every interface. */
        public Builder host(String host) {
            this.host = host == null ? "" : host.trim();
            return this;
        }

        /** The port (default 0, an ephemeral port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How connections are served (default {@link Architecture#EVENT_LOOP}). */
        public Builder architecture(Architecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            return this;
        }

        /** The Netty transport (default {@link Transport#AUTO}). */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Worker threads (pool size, or event loop threads; 0 = the architecture's default). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Worker processes for {@link Architecture#MULTI_PROCESS} (default 2). */
        public Builder processes(int processes) {
            this.processes = processes;
            return this;
        }

        /** The listen backlog (default 128). */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** SO_REUSEADDR (default on). */
        public Builder reuseAddress(boolean on) {
            this.reuseAddress = on;
            return this;
        }

        /** SO_REUSEPORT (default off). */
        public Builder reusePort(boolean on) {
            this.reusePort = on;
            return this;
        }

        /** TCP_NODELAY on accepted connections (default on). */
        public Builder tcpNoDelay(boolean on) {
            this.tcpNoDelay = on;
            return this;
        }

        /** SO_KEEPALIVE on accepted connections (default off). */
        public Builder keepAlive(boolean on) {
            this.keepAlive = on;
            return this;
        }

        /** Half-close on end of input instead of closing (default off). */
        public Builder allowHalfClosure(boolean on) {
            this.allowHalfClosure = on;
            return this;
        }

        /** The most connections open at once (default 1024). */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /**
         * The most connections open at once from one IP address; 0 for no per-address limit (default: the
         * total limit / {@value ServerConfig#DEFAULT_PER_IP_DIVISOR}, at least 1).
         */
        public Builder maxConnectionsPerIp(int max) {
            this.maxConnectionsPerIp = max;
            return this;
        }

        /** Idle time-out (default 5 minutes); {@code null} for none. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Read time-out (default none); {@code null} for none. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** Time-out of a frame in progress (default 30 s); {@code null} for none. */
        public Builder frameTimeout(Duration timeout) {
            this.frameTimeout = timeout;
            return this;
        }

        /** Write time-out: a peer that takes no byte for this long is cut (default 30 s); {@code null} for none. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        /** The most frames handed to a connection's protocol per turn of its loop (default 64). */
        public Builder maxFramesPerTurn(int max) {
            this.maxFramesPerTurn = max;
            return this;
        }

        /** Write buffer water marks in bytes (default 32 KiB and 64 KiB). */
        public Builder writeBufferWaterMark(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        /** The bound on queued-but-unsent bytes per connection (default 4 MiB). */
        public Builder maxPendingWriteBytes(int max) {
            this.maxPendingWriteBytes = max;
            return this;
        }

        /** Wire logging (default off). */
        public Builder wireLog(WireLog wireLog) {
            this.wireLog = Objects.requireNonNull(wireLog, "wireLog");
            return this;
        }

        /** Reading of the PROXY protocol header (default {@link ProxyProtocol#OFF}). */
        public Builder proxyProtocol(ProxyProtocol mode) {
            this.proxyProtocol = Objects.requireNonNull(mode, "proxyProtocol");
            return this;
        }

        /** The server's name for threads and logs (default "toolkit-server"). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * TLS on every connection (default none): a {@code dev.toolkit.tls.TlsServerConfig}, or any
         * {@link ServerSecurity}; {@code null} for plaintext. A {@link Architecture#MULTI_PROCESS} server needs
         * one its workers can rebuild ({@link ServerSecurity#recipe()}).
         */
        public Builder security(ServerSecurity security) {
            this.security = security;
            return this;
        }

        /**
         * The grace of the drain on SIGTERM or SIGINT (default 5 s; see {@link ServerConfig#shutdownGrace()});
         * {@code null} to leave those signals to the JVM, which then exits without draining.
         */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong
         */
        public ServerConfig build() {
            Validation.of("ServerConfig")
                    .port("port", port)
                    .notNegative("threads", threads)
                    .atLeast("processes", processes, 1)
                    .atLeast("backlog", backlog, 1)
                    .atLeast("maxConnections", maxConnections, 1)
                    .notNegative("maxConnectionsPerIp", maxConnectionsPerIp == null ? 0 : maxConnectionsPerIp)
                    .positiveOrNull("idleTimeout", idleTimeout)
                    .positiveOrNull("readTimeout", readTimeout)
                    .positiveOrNull("frameTimeout", frameTimeout)
                    .positiveOrNull("writeTimeout", writeTimeout)
                    .atLeast("maxFramesPerTurn", maxFramesPerTurn, 1)
                    .waterMarks(writeBufferLowWaterMark, writeBufferHighWaterMark)
                    .atLeast("maxPendingWriteBytes", maxPendingWriteBytes, 1)
                    .rule(maxPendingWriteBytes >= writeBufferHighWaterMark, "maxPendingWriteBytes ("
                            + maxPendingWriteBytes + ") must be at least writeBufferHighWaterMark ("
                            + writeBufferHighWaterMark + ")")
                    .name("name", name)
                    .notNegativeOrNull("shutdownGrace", shutdownGrace)
                    .done();
            return new ServerConfig(this);
        }
    }
}

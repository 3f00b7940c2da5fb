package dev.toolkit.tcp;

import dev.toolkit.core.client.ClientConfig;
import dev.toolkit.core.client.Connector;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.server.PendingWriteLimitHandler;
import dev.toolkit.core.server.ProtocolDefinition;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.TimeoutHandler;
import dev.toolkit.core.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A stream client: one immutable object, shared by the application, owning one event loop (close it when
 * done), that opens {@link TcpConnection}s through toolkit-core's {@link Connector} with a connect time-out,
 * failures mapped to the toolkit's exceptions, and the limits of a server connection: idle and read
 * time-outs, a bound on queued bytes ({@code maxPendingWriteBytes}), write water marks.
 *
 * <pre>{@code
 * try (TcpClient client = TcpClient.builder().connectTimeout(Duration.ofSeconds(5)).build()) {
 *     TcpConnection c = client.connectNow("127.0.0.1", 1060);
 *     c.sendAll("Simple is better than?".getBytes(US_ASCII));
 *     byte[] answer = c.receiveUntil((byte) '.', 1024);
 * }
 * }</pre>
 *
 * <p>Defaults: 10 s to connect, no read time-out, no idle time-out, TCP_NODELAY on, SO_KEEPALIVE off,
 * half-closure allowed (the server's end of output is seen as end of input while this side can still send),
 * water marks 32/64 KiB and at most 4 MiB queued. Host names are resolved by {@link #resolve}: IP literals
 * (IPv4 and IPv6) and the names of the system's hosts file.
 */
public final class TcpClient implements AutoCloseable {

    private final Builder settings;
    private final Connector connector;

    private TcpClient(Builder settings) {
        this.settings = settings.copy();
        this.connector = Connector.create(ClientConfig.builder()
                .connectTimeout(settings.connectTimeout)
                .readTimeout(settings.readTimeout)
                .transport(settings.transport)
                .tcpNoDelay(settings.tcpNoDelay)
                .allowHalfClosure(settings.allowHalfClosure)
                .wireLog(settings.wireLog)
                .build());
    }

    /** A client with the defaults. */
    public static TcpClient create() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this client's settings, to derive a variant (a new client with its own event loop). */
    public Builder toBuilder() {
        return settings.copy();
    }

    /** The counters of every connection this client opened. */
    public ConnectionMetrics metrics() {
        return connector.metrics();
    }

    /**
     * Turns a host name and port into the address to connect to: the one name-resolution step of the client.
     * Accepts IP literals and names the system resolves from its hosts file.
     *
     * @throws NameResolutionException if the name cannot be resolved
     */
    public static CompletableFuture<InetSocketAddress> resolve(String host, int port) {
        Objects.requireNonNull(host, "host");
        try {
            return CompletableFuture.completedFuture(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(Exceptions.map(e));
        }
    }

    /** Connects for raw bytes; see {@link #connect(String, int, ProtocolDefinition)}. */
    public CompletableFuture<TcpConnection> connect(String host, int port) {
        return connect(host, port, channel -> { });
    }

    /**
     * Connects to {@code host:port} with {@code protocol}'s handlers installed; what they pass on (or every
     * byte, with no handlers) is what the connection's blocking {@code receive} calls return.
     *
     * @return the connection; fails with a {@link dev.toolkit.core.error.ToolkitException} (name resolution,
     *     refused, unreachable, connect time-out)
     */
    public CompletableFuture<TcpConnection> connect(String host, int port, ProtocolDefinition protocol) {
        Objects.requireNonNull(protocol, "protocol");
        return resolve(host, port).thenCompose(address -> connect(address, protocol));
    }

    /** Connects to {@code address}; see {@link #connect(String, int, ProtocolDefinition)}. */
    public CompletableFuture<TcpConnection> connect(InetSocketAddress address, ProtocolDefinition protocol) {
        InboundQueue[] queue = new InboundQueue[1];
        return connector.connect(address, channel -> {
            install(channel);
            protocol.initialize(channel);
            queue[0] = new InboundQueue();
            channel.pipeline().addLast(InboundQueue.NAME, queue[0]);
        }).thenApply(channel -> new TcpConnection(channel, queue[0], settings.readTimeout));
    }

    /** Connects and waits; never call it on an event loop. */
    public TcpConnection connectNow(String host, int port) {
        return join(connect(host, port));
    }

    /** Connects with {@code protocol} and waits; never call it on an event loop. */
    public TcpConnection connectNow(String host, int port, ProtocolDefinition protocol) {
        return join(connect(host, port, protocol));
    }

    private static TcpConnection join(CompletableFuture<TcpConnection> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw Exceptions.map(e);
        }
    }

    private void install(Channel channel) {
        channel.config().setOption(ChannelOption.SO_KEEPALIVE, settings.keepAlive);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(settings.lowWaterMark,
                settings.highWaterMark));
        channel.pipeline().addLast(PendingWriteLimitHandler.NAME,
                new PendingWriteLimitHandler(settings.maxPendingWriteBytes));
        if (settings.idleTimeout != null) {
            channel.pipeline().addLast(TimeoutHandler.IDLE_NAME, TimeoutHandler.idle(settings.idleTimeout));
        }
    }

    /** Closes the client's event loop, and with it every connection it opened. */
    @Override
    public void close() {
        connector.close();
    }

    /** Settings of a {@link TcpClient}; every setter validates at once. */
    public static final class Builder {
        private Duration connectTimeout = ClientConfig.DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout;
        private Duration idleTimeout;
        private Transport transport = Transport.AUTO;
        private boolean tcpNoDelay = true;
        private boolean keepAlive;
        private boolean allowHalfClosure = true;
        private int lowWaterMark = 32 * 1024;
        private int highWaterMark = 64 * 1024;
        private int maxPendingWriteBytes = ServerConfig.DEFAULT_MAX_PENDING_WRITE_BYTES;
        private WireLog wireLog = WireLog.OFF;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.connectTimeout = connectTimeout;
            b.readTimeout = readTimeout;
            b.idleTimeout = idleTimeout;
            b.transport = transport;
            b.tcpNoDelay = tcpNoDelay;
            b.keepAlive = keepAlive;
            b.allowHalfClosure = allowHalfClosure;
            b.lowWaterMark = lowWaterMark;
            b.highWaterMark = highWaterMark;
            b.maxPendingWriteBytes = maxPendingWriteBytes;
            b.wireLog = wireLog;
            return b;
        }

        /** Time allowed to connect (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            ClientConfig.builder().connectTimeout(timeout);
            this.connectTimeout = timeout;
            return this;
        }

        /** Fail (and close) when nothing arrives for this long (default none); {@code null} for none. */
        public Builder readTimeout(Duration timeout) {
            ClientConfig.builder().readTimeout(timeout);
            this.readTimeout = timeout;
            return this;
        }

        /** Close when nothing is sent or received for this long (default none); {@code null} for none. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("idleTimeout must be positive or null: " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** The Netty transport (default automatic: epoll or io_uring on Linux when available). */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** TCP_NODELAY (default on). */
        public Builder tcpNoDelay(boolean on) {
            this.tcpNoDelay = on;
            return this;
        }

        /** SO_KEEPALIVE (default off). */
        public Builder keepAlive(boolean on) {
            this.keepAlive = on;
            return this;
        }

        /** Whether the server's end of output only half-closes the connection (default on). */
        public Builder allowHalfClosure(boolean on) {
            this.allowHalfClosure = on;
            return this;
        }

        /** Write buffer water marks in bytes (default 32 KiB and 64 KiB). */
        public Builder writeBufferWaterMark(int low, int high) {
            if (low < 0 || high < low) {
                throw new IllegalArgumentException("need 0 <= low <= high: low=" + low + ", high=" + high);
            }
            this.lowWaterMark = low;
            this.highWaterMark = high;
            return this;
        }

        /** The bound on queued-but-unsent bytes (default 4 MiB); a write beyond it fails and closes. */
        public Builder maxPendingWriteBytes(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPendingWriteBytes must be positive: " + max);
            }
            this.maxPendingWriteBytes = max;
            return this;
        }

        /** Logs the connections' bytes as text when on (default off). */
        public Builder wiretap(boolean on) {
            this.wireLog = on ? WireLog.TEXT : WireLog.OFF;
            return this;
        }

        /** Builds a client with its own event loop. */
        public TcpClient build() {
            if (maxPendingWriteBytes < highWaterMark) {
                throw new IllegalArgumentException("maxPendingWriteBytes (" + maxPendingWriteBytes
                        + ") must be at least the high water mark (" + highWaterMark + ")");
            }
            return new TcpClient(this);
        }
    }
}

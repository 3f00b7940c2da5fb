package dev.toolkit.tcp;

import dev.toolkit.core.client.ClientConfig;
import dev.toolkit.core.client.Connector;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.pipeline.ClientSecurity;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.transport.Transport;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A stream client: one immutable object, shared by the application, owning one event loop (close it when
 * done), that opens {@link TcpConnection}s through toolkit-core's {@link Connector} with a connect time-out,
 * failures mapped to the toolkit's exceptions, and the limits of a server connection: idle and read
 * time-outs, a bound on queued bytes ({@code maxPendingWriteBytes}), write water marks; with
 * {@link Builder#tls(ClientSecurity)}, TLS, the host of each connect call being the name verified and sent as
 * SNI. Each connection's pipeline is core's {@code ConnectionPipeline}.
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
 * water marks 32/64 KiB and at most 4 MiB queued. Host names are resolved by core's
 * {@link ClientConfig#resolver()} (literals, the hosts file, then DNS) and connected to with happy eyeballs.
 */
public final class TcpClient implements AutoCloseable {

    private final Builder settings;
    private final Connector connector;

    private TcpClient(Builder settings) {
        this.settings = settings.copy();
        this.connector = Connector.create(settings.core.build());
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
        return connector.connectAsync(host, port, connectionProtocol(protocol)).thenApply(this::connection);
    }

    /** Connects to {@code address}; see {@link #connect(String, int, ProtocolDefinition)}. */
    public CompletableFuture<TcpConnection> connect(InetSocketAddress address, ProtocolDefinition protocol) {
        Objects.requireNonNull(protocol, "protocol");
        return connector.connectAsync(address, connectionProtocol(protocol)).thenApply(this::connection);
    }

    /** {@code protocol}'s handlers, then the queue the blocking receive calls read. */
    private static ProtocolDefinition connectionProtocol(ProtocolDefinition protocol) {
        return channel -> {
            protocol.initialize(channel);
            channel.pipeline().addLast(InboundQueue.NAME, new InboundQueue());
        };
    }

    private TcpConnection connection(Channel channel) {
        InboundQueue queue = (InboundQueue) channel.pipeline().get(InboundQueue.NAME);
        return new TcpConnection(channel, queue, connector.config().readTimeout());
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

    /** Closes the client's event loop, and with it every connection it opened. */
    @Override
    public void close() {
        connector.close();
    }

    /**
     * Settings of a {@link TcpClient}; every setter validates at once. The connection settings are core's
     * {@link ClientConfig}; the limits beyond them are the same as a server connection's.
     */
    public static final class Builder {
        /** The bound on queued bytes a server connection has too. */
        private static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 4 * 1024 * 1024;

        private ClientConfig.Builder core = ClientConfig.builder().allowHalfClosure(true)
                .writeBufferWaterMark(32 * 1024, 64 * 1024).maxPendingWriteBytes(DEFAULT_MAX_PENDING_WRITE_BYTES);

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.core = core.build().toBuilder();
            return b;
        }

        /**
         * TLS on every connection (default none): a {@code dev.toolkit.tls.TlsClientConfig}; {@code null} for
         * plaintext. Connecting then completes after the handshake and fails with its {@code TlsException}.
         */
        public Builder tls(ClientSecurity tls) {
            core.security(tls);
            return this;
        }

        /** Time allowed to connect (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            core.connectTimeout(timeout);
            return this;
        }

        /** Fail (and close) when nothing arrives for this long (default none); {@code null} for none. */
        public Builder readTimeout(Duration timeout) {
            core.readTimeout(timeout);
            return this;
        }

        /** Close when nothing is sent or received for this long (default none); {@code null} for none. */
        public Builder idleTimeout(Duration timeout) {
            core.idleTimeout(timeout);
            return this;
        }

        /** The Netty transport (default automatic: epoll or io_uring on Linux when available). */
        public Builder transport(Transport transport) {
            core.transport(transport);
            return this;
        }

        /** TCP_NODELAY (default on). */
        public Builder tcpNoDelay(boolean on) {
            core.tcpNoDelay(on);
            return this;
        }

        /** SO_KEEPALIVE (default off). */
        public Builder keepAlive(boolean on) {
            core.keepAlive(on);
            return this;
        }

        /** Whether the server's end of output only half-closes the connection (default on). */
        public Builder allowHalfClosure(boolean on) {
            core.allowHalfClosure(on);
            return this;
        }

        /** Write buffer water marks in bytes (default 32 KiB and 64 KiB). */
        public Builder writeBufferWaterMark(int low, int high) {
            core.writeBufferWaterMark(low, high);
            return this;
        }

        /** The bound on queued-but-unsent bytes (default 4 MiB); a write beyond it fails and closes. */
        public Builder maxPendingWriteBytes(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPendingWriteBytes must be positive: " + max);
            }
            core.maxPendingWriteBytes(max);
            return this;
        }

        /** Logs the connections' bytes as text when on (default off). */
        public Builder wiretap(boolean on) {
            core.wireLog(on ? WireLog.TEXT : WireLog.OFF);
            return this;
        }

        /** Builds a client with its own event loop. */
        public TcpClient build() {
            core.build(); // checks the limits together
            return new TcpClient(this);
        }
    }
}

package dev.toolkit.tcp;

import dev.toolkit.core.client.ClientConfig;
import dev.toolkit.core.names.AddressResolver;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.pipeline.ClientSecurity;
import dev.toolkit.core.transport.Transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable settings of a {@link TcpClient}: core's {@link ClientConfig} (time-outs, transport, socket
 * options, TLS, wire log, resolver) with the limits a server connection has too, so that a stream client
 * is bounded by default.
 *
 * <pre>{@code
 * TcpClientConfig config = TcpClientConfig.builder()
 *         .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30)).build();
 * TcpClientConfig logged = config.toBuilder().wireLog(WireLog.TEXT).build();   // a variant
 * }</pre>
 *
 * <p>Defaults: 10 s to connect, no read time-out, no idle time-out, TCP_NODELAY on, SO_KEEPALIVE off,
 * half-closure allowed (the server's end of output is seen as end of input while this side can still send),
 * write water marks 32/64 KiB, at most 4 MiB queued for sending, no wire log, plaintext, host names resolved by
 * {@link AddressResolver#systemDefault()}.
 */
public final class TcpClientConfig {

    /** The bound on queued bytes a server connection has too. */
    static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 4 * 1024 * 1024;

    private static final TcpClientConfig DEFAULTS = builder().build();

    private final Builder settings;
    private final ClientConfig core;

    private TcpClientConfig(Builder settings, ClientConfig core) {
        this.settings = settings;
        this.core = core;
    }

    /** The defaults. */
    public static TcpClientConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a variant. */
    public Builder toBuilder() {
        return settings.copy();
    }

    /** These settings as core's client configuration, which the client's connector uses. */
    public ClientConfig clientConfig() {
        return core;
    }

    /** The TLS stage of every connection; empty for plaintext. */
    public Optional<ClientSecurity> tls() {
        return core.security();
    }

    /** Time allowed to connect. */
    public Duration connectTimeout() {
        return core.connectTimeout();
    }

    /** How long a blocking receive or request waits, and how long the connection may stay silent; {@code null} for no limit. */
    public Duration readTimeout() {
        return core.readTimeout();
    }

    /** How long a connection may go without traffic before it is closed; {@code null} for no limit. */
    public Duration idleTimeout() {
        return core.idleTimeout();
    }

    /** The Netty transport. */
    public Transport transport() {
        return core.transport();
    }

    /** TCP_NODELAY. */
    public boolean tcpNoDelay() {
        return core.tcpNoDelay();
    }

    /** SO_KEEPALIVE. */
    public boolean keepAlive() {
        return core.keepAlive();
    }

    /** Whether the server's end of output only half-closes the connection. */
    public boolean allowHalfClosure() {
        return core.allowHalfClosure();
    }

    /** The low write buffer water mark in bytes. */
    public int writeBufferLowWaterMark() {
        return core.writeBufferLowWaterMark();
    }

    /** The high write buffer water mark in bytes: above it a connection is not writable. */
    public int writeBufferHighWaterMark() {
        return core.writeBufferHighWaterMark();
    }

    /** The bound on queued-but-unsent bytes per connection. */
    public int maxPendingWriteBytes() {
        return core.maxPendingWriteBytes();
    }

    /** Whether and how the connections' bytes are logged. */
    public WireLog wireLog() {
        return core.wireLog();
    }

    /** How host names are resolved. */
    public AddressResolver resolver() {
        return core.resolver();
    }

    @Override
    public String toString() {
        return "TcpClientConfig{connectTimeout=" + connectTimeout() + ", readTimeout=" + readTimeout()
                + ", idleTimeout=" + idleTimeout() + ", transport=" + transport() + ", tls=" + tls().isPresent()
                + ", maxPendingWriteBytes=" + maxPendingWriteBytes() + ", waterMarks=" + writeBufferLowWaterMark()
                + "/" + writeBufferHighWaterMark() + ", wireLog=" + wireLog() + "}";
    }

    /**
     * Builds a {@link TcpClientConfig}. Setters only store (a {@code null} where an object is required is
     * refused at once); {@link #build()} checks the whole configuration, so the order of the setters never
     * matters.
     */
    public static final class Builder {
        private ClientSecurity tls;
        private Duration connectTimeout = ClientConfig.DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout;
        private Duration idleTimeout;
        private Transport transport = Transport.AUTO;
        private boolean tcpNoDelay = true;
        private boolean keepAlive;
        private boolean allowHalfClosure = true;
        private int writeBufferLowWaterMark = 32 * 1024;
        private int writeBufferHighWaterMark = 64 * 1024;
        private int maxPendingWriteBytes = DEFAULT_MAX_PENDING_WRITE_BYTES;
        private WireLog wireLog = WireLog.OFF;
        private AddressResolver resolver;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.tls = tls;
            b.connectTimeout = connectTimeout;
            b.readTimeout = readTimeout;
            b.idleTimeout = idleTimeout;
            b.transport = transport;
            b.tcpNoDelay = tcpNoDelay;
            b.keepAlive = keepAlive;
            b.allowHalfClosure = allowHalfClosure;
            b.writeBufferLowWaterMark = writeBufferLowWaterMark;
            b.writeBufferHighWaterMark = writeBufferHighWaterMark;
            b.maxPendingWriteBytes = maxPendingWriteBytes;
            b.wireLog = wireLog;
            b.resolver = resolver;
            return b;
        }

        /**
         * TLS on every connection (default none): a {@code dev.toolkit.tls} client configuration; {@code null}
         * for plaintext. Connecting then completes after the handshake and fails with its {@code TlsException};
         * the host of each connect call is the name sent as SNI and verified.
         */
        public Builder tls(ClientSecurity tls) {
            this.tls = tls;
            return this;
        }

        /** Time allowed to connect (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long a blocking receive or request waits, and how long the connection may receive nothing before
         * it fails and closes (default none); {@code null} for none.
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** Close when nothing is sent or received for this long (default none); {@code null} for none. */
        public Builder idleTimeout(Duration timeout) {
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
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        /**
         * The bound on queued-but-unsent bytes (default 4 MiB), at least the high water mark; a write beyond
         * it fails and closes the connection.
         */
        public Builder maxPendingWriteBytes(int max) {
            this.maxPendingWriteBytes = max;
            return this;
        }

        /** Logs the connections' bytes (default {@link WireLog#OFF}). */
        public Builder wireLog(WireLog wireLog) {
            this.wireLog = Objects.requireNonNull(wireLog, "wireLog");
            return this;
        }

        /**
         * How host names are resolved (default {@link AddressResolver#systemDefault()}: literals, the hosts
         * file, then DNS); give one with a DNS client of your own to choose the servers.
         */
        public Builder resolver(AddressResolver resolver) {
            this.resolver = resolver;
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @throws IllegalArgumentException naming every setting that is wrong, with its value
         */
        public TcpClientConfig build() {
            List<String> problems = new ArrayList<>();
            if (maxPendingWriteBytes < 1) {
                problems.add("maxPendingWriteBytes must be positive (a stream client always bounds what it"
                        + " queues): " + maxPendingWriteBytes);
            }
            // Core's setters only store; its build() names what else is wrong, so both complaints are kept.
            ClientConfig.Builder core = ClientConfig.builder().security(tls).connectTimeout(connectTimeout)
                    .readTimeout(readTimeout).idleTimeout(idleTimeout).transport(transport).tcpNoDelay(tcpNoDelay)
                    .keepAlive(keepAlive).allowHalfClosure(allowHalfClosure)
                    .writeBufferWaterMark(writeBufferLowWaterMark, writeBufferHighWaterMark)
                    .wireLog(wireLog).resolver(resolver);
            if (maxPendingWriteBytes >= 1) {
                core.maxPendingWriteBytes(maxPendingWriteBytes);
            }
            ClientConfig built = null;
            try {
                built = core.build();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid TCP client configuration: " + String.join("; ", problems));
            }
            return new TcpClientConfig(copy(), built);
        }
    }
}

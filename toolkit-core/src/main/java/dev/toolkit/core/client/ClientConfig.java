package dev.toolkit.core.client;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.names.AddressResolver;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.pipeline.ClientSecurity;
import dev.toolkit.core.pipeline.PipelineSettings;
import dev.toolkit.core.transport.Transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of a client connection: time-outs, transport and socket options, bounds, and the
 * optional TLS stage ({@link #security()}).
 */
public final class ClientConfig {

    /** Default time allowed to establish a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final ClientConfig DEFAULTS = new Builder().build();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Transport transport;
    private final boolean tcpNoDelay;
    private final boolean allowHalfClosure;
    private final WireLog wireLog;
    private final AddressResolver resolver;
    private final Duration idleTimeout;
    private final boolean keepAlive;
    private final int maxPendingWriteBytes;
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;
    private final ClientSecurity security;

    private ClientConfig(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.transport = b.transport;
        this.tcpNoDelay = b.tcpNoDelay;
        this.allowHalfClosure = b.allowHalfClosure;
        this.wireLog = b.wireLog;
        this.resolver = b.resolver;
        this.idleTimeout = b.idleTimeout;
        this.keepAlive = b.keepAlive;
        this.maxPendingWriteBytes = b.maxPendingWriteBytes;
        this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        this.security = b.security;
    }

    /** The defaults: 10 s to connect, no read time-out, automatic transport, TCP_NODELAY on. */
    public static ClientConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        return new Builder().connectTimeout(connectTimeout).readTimeout(readTimeout).transport(transport)
                .tcpNoDelay(tcpNoDelay).allowHalfClosure(allowHalfClosure).wireLog(wireLog).resolver(resolver)
                .idleTimeout(idleTimeout).keepAlive(keepAlive).maxPendingWriteBytes(maxPendingWriteBytes)
                .writeBufferWaterMark(writeBufferLowWaterMark, writeBufferHighWaterMark).security(security);
    }

    /** Close the connection with an idle time-out error after this long without traffic; {@code null} for never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** SO_KEEPALIVE. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** The bound on queued-but-unsent bytes; 0 for none. */
    public int maxPendingWriteBytes() {
        return maxPendingWriteBytes;
    }

    /** The low write buffer water mark; 0 (with the high one) for Netty's default. */
    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /** The high write buffer water mark; 0 for Netty's default. */
    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /**
     * The TLS stage of every connection (e.g. a {@code dev.toolkit.tls.TlsClientConfig}); empty for plaintext (the
     * default). The host name of each connect call is the one sent as SNI and verified, and connecting
     * completes only after the handshake.
     */
    public Optional<ClientSecurity> security() {
        return Optional.ofNullable(security);
    }

    /** The settings of each connection's pipeline ({@link dev.toolkit.core.pipeline.ConnectionPipeline}). */
    public PipelineSettings pipelineSettings() {
        return PipelineSettings.builder()
                .wireLog(wireLog)
                .maxPendingWriteBytes(maxPendingWriteBytes)
                .idleTimeout(idleTimeout)
                .readTimeout(readTimeout)
                .writeBufferWaterMark(writeBufferLowWaterMark, writeBufferHighWaterMark)
                .build();
    }

    /** Time allowed to establish the connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Close the connection with a read time-out error when nothing arrives for this long; {@code null} for never. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The Netty transport. */
    public Transport transport() {
        return transport;
    }

    /** TCP_NODELAY. */
    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    /** Whether the server's end of output only half-closes the connection (see {@code ServerConfig}). */
    public boolean allowHalfClosure() {
        return allowHalfClosure;
    }

    /** Whether the connection's bytes are logged. */
    public WireLog wireLog() {
        return wireLog;
    }

    /**
     * How host names are resolved before connecting (happy eyeballs over every address found); by default
     * {@link AddressResolver#systemDefault()}: literals, {@code /etc/hosts}, then DNS per
     * {@code /etc/resolv.conf}.
     */
    public AddressResolver resolver() {
        return resolver == null ? AddressResolver.systemDefault() : resolver;
    }

    /** Builds a {@link ClientConfig}: the setters only store, {@link #build()} checks the whole. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout;
        private Transport transport = Transport.AUTO;
        private boolean tcpNoDelay = true;
        private boolean allowHalfClosure;
        private WireLog wireLog = WireLog.OFF;
        private AddressResolver resolver;
        private Duration idleTimeout;
        private boolean keepAlive;
        private int maxPendingWriteBytes;
        private int writeBufferLowWaterMark;
        private int writeBufferHighWaterMark;
        private ClientSecurity security;

        private Builder() {
        }

        /** Idle time-out (default none); {@code null} for none. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** SO_KEEPALIVE (default off). */
        public Builder keepAlive(boolean on) {
            this.keepAlive = on;
            return this;
        }

        /** The bound on queued-but-unsent bytes (default none, 0); a write beyond it fails and closes. */
        public Builder maxPendingWriteBytes(int max) {
            this.maxPendingWriteBytes = max;
            return this;
        }

        /** Write buffer water marks in bytes (default 0 and 0: Netty's 32 and 64 KiB). */
        public Builder writeBufferWaterMark(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        /** TLS on every connection (default none); {@code null} for plaintext. */
        public Builder security(ClientSecurity security) {
            this.security = security;
            return this;
        }

        /** Time allowed to connect (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectTimeout");
            this.connectTimeout = timeout;
            return this;
        }

        /** Read time-out (default none); {@code null} for none. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** The transport (default automatic). */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** TCP_NODELAY (default on). */
        public Builder tcpNoDelay(boolean on) {
            this.tcpNoDelay = on;
            return this;
        }

        /** Half-close on end of input instead of closing (default off). */
        public Builder allowHalfClosure(boolean on) {
            this.allowHalfClosure = on;
            return this;
        }

        /** Wire logging (default off). */
        public Builder wireLog(WireLog wireLog) {
            this.wireLog = Objects.requireNonNull(wireLog, "wireLog");
            return this;
        }

        /**
         * The resolver for host names (default {@link AddressResolver#systemDefault()}); give one with a
         * {@code DnsClient} of your own to choose the DNS servers.
         */
        public Builder resolver(AddressResolver resolver) {
            this.resolver = resolver;
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong
         */
        public ClientConfig build() {
            Validation.of("ClientConfig")
                    .positive("connectTimeout", connectTimeout)
                    .rule(connectTimeout.toMillis() <= Integer.MAX_VALUE,
                            "connectTimeout must fit in an int of milliseconds: " + connectTimeout)
                    .positiveOrNull("readTimeout", readTimeout)
                    .positiveOrNull("idleTimeout", idleTimeout)
                    .notNegative("maxPendingWriteBytes", maxPendingWriteBytes)
                    .waterMarks(writeBufferLowWaterMark, writeBufferHighWaterMark)
                    .rule(maxPendingWriteBytes == 0 || maxPendingWriteBytes >= writeBufferHighWaterMark,
                            "maxPendingWriteBytes (" + maxPendingWriteBytes
                            + ") must be 0 or at least writeBufferHighWaterMark (" + writeBufferHighWaterMark + ")")
                    .done();
            return new ClientConfig(this);
        }
    }
}

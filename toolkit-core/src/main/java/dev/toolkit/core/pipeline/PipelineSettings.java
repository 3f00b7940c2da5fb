package dev.toolkit.core.pipeline;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.observe.WireLog;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings the {@link ConnectionPipeline} assembles a connection from, one per stage. Servers and clients
 * produce them from their own configuration ({@code ServerConfig.pipelineSettings()},
 * {@code ClientConfig.pipelineSettings()}); a stage whose setting is off is left out. Immutable.
 *
 * <p>The defaults are those of a bare client connection: no PROXY header, no limits, no wire log, no bound on
 * queued bytes, no back-pressure, no exchange tracking, no time-outs, the channel's own water marks.
 */
public final class PipelineSettings {

    private static final PipelineSettings DEFAULTS = new Builder().build();

    private final String label;
    private final ProxyProtocol proxyProtocol;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final WireLog wireLog;
    private final boolean trackExchanges;
    private final int maxPendingWriteBytes;
    private final boolean backPressure;
    private final Duration idleTimeout;
    private final Duration readTimeout;
    private final Duration frameTimeout;
    private final Duration writeTimeout;
    private final int maxFramesPerTurn;
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;

    private PipelineSettings(Builder b) {
        this.label = b.label;
        this.proxyProtocol = b.proxyProtocol;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.wireLog = b.wireLog;
        this.trackExchanges = b.trackExchanges;
        this.maxPendingWriteBytes = b.maxPendingWriteBytes;
        this.backPressure = b.backPressure;
        this.idleTimeout = b.idleTimeout;
        this.readTimeout = b.readTimeout;
        this.frameTimeout = b.frameTimeout;
        this.writeTimeout = b.writeTimeout;
        this.maxFramesPerTurn = b.maxFramesPerTurn;
        this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
    }

    /** The defaults (see the class comment), labelled {@code toolkit-client}. */
    public static PipelineSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.label = label;
        b.proxyProtocol = proxyProtocol;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.wireLog = wireLog;
        b.trackExchanges = trackExchanges;
        b.maxPendingWriteBytes = maxPendingWriteBytes;
        b.backPressure = backPressure;
        b.idleTimeout = idleTimeout;
        b.readTimeout = readTimeout;
        b.frameTimeout = frameTimeout;
        b.writeTimeout = writeTimeout;
        b.maxFramesPerTurn = maxFramesPerTurn;
        b.writeBufferLowWaterMark = writeBufferLowWaterMark;
        b.writeBufferHighWaterMark = writeBufferHighWaterMark;
        return b;
    }

    /** Names the server or client in log lines. */
    public String label() {
        return label;
    }

    /** Whether a PROXY protocol header is read first. */
    public ProxyProtocol proxyProtocol() {
        return proxyProtocol;
    }

    /** Most connections open at once; 0 when the limits stage is left out. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Most connections open at once from one client address; 0 for no such limit. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** The wire log. */
    public WireLog wireLog() {
        return wireLog;
    }

    /** Whether exchanges are tracked (graceful drain, a peer leaving mid-exchange reported). */
    public boolean trackExchanges() {
        return trackExchanges;
    }

    /** The bound on queued-but-unsent bytes; 0 for none. */
    public int maxPendingWriteBytes() {
        return maxPendingWriteBytes;
    }

    /** Whether reading stops while the connection is not writable. */
    public boolean backPressure() {
        return backPressure;
    }

    /** The idle time-out, or {@code null}. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The read time-out, or {@code null}. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The time-out of a frame in progress, or {@code null}. */
    public Duration frameTimeout() {
        return frameTimeout;
    }

    /** The write time-out (queued bytes the peer takes none of), or {@code null}. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** The most frames handed to the protocol per turn of the loop; 0 for no such budget. */
    public int maxFramesPerTurn() {
        return maxFramesPerTurn;
    }

    /** The low write buffer water mark; 0 to keep the channel's. */
    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /** The high write buffer water mark; 0 to keep the channel's. */
    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /** Builds {@link PipelineSettings}: the setters only store, {@link #build()} checks the whole. */
    public static final class Builder {
        private String label = "toolkit-client";
        private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;
        private int maxConnections;
        private int maxConnectionsPerAddress;
        private WireLog wireLog = WireLog.OFF;
        private boolean trackExchanges;
        private int maxPendingWriteBytes;
        private boolean backPressure;
        private Duration idleTimeout;
        private Duration readTimeout;
        private Duration frameTimeout;
        private Duration writeTimeout;
        private int maxFramesPerTurn;
        private int writeBufferLowWaterMark;
        private int writeBufferHighWaterMark;

        private Builder() {
        }

        /** Names the server or client in log lines (default {@code toolkit-client}). */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /** Whether a PROXY protocol header is read first (default off). */
        public Builder proxyProtocol(ProxyProtocol mode) {
            this.proxyProtocol = Objects.requireNonNull(mode, "proxyProtocol");
            return this;
        }

        /**
         * Connection limits: at most {@code total} open at once, at most {@code perAddress} from one client
         * address (0 for no per-address limit). {@code total} 0 leaves the limits stage out (the default).
         */
        public Builder limits(int total, int perAddress) {
            this.maxConnections = total;
            this.maxConnectionsPerAddress = perAddress;
            return this;
        }

        /** The wire log (default off). */
        public Builder wireLog(WireLog mode) {
            this.wireLog = Objects.requireNonNull(mode, "wireLog");
            return this;
        }

        /** Whether exchanges are tracked, as a server needs for its graceful drain (default off). */
        public Builder trackExchanges(boolean on) {
            this.trackExchanges = on;
            return this;
        }

        /** The bound on queued-but-unsent bytes, 0 for none (the default). */
        public Builder maxPendingWriteBytes(int max) {
            this.maxPendingWriteBytes = max;
            return this;
        }

        /** Whether reading stops while the connection is not writable (default off). */
        public Builder backPressure(boolean on) {
            this.backPressure = on;
            return this;
        }

        /** The idle time-out (default none); {@code null} for none. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** The read time-out (default none); {@code null} for none. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** The time-out of a frame in progress (default none); {@code null} for none. */
        public Builder frameTimeout(Duration timeout) {
            this.frameTimeout = timeout;
            return this;
        }

        /** The write time-out (default none); {@code null} for none. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        /** The most frames handed to the protocol per turn of the loop, 0 for no budget (the default). */
        public Builder maxFramesPerTurn(int max) {
            this.maxFramesPerTurn = max;
            return this;
        }

        /** Write buffer water marks in bytes; 0 and 0 keep the channel's (the default). */
        public Builder writeBufferWaterMark(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        /**
         * The settings, once the whole of them is checked.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong
         */
        public PipelineSettings build() {
            Validation.of("PipelineSettings")
                    .name("label", label)
                    .notNegative("maxConnections", maxConnections)
                    .notNegative("maxConnectionsPerAddress", maxConnectionsPerAddress)
                    .notNegative("maxPendingWriteBytes", maxPendingWriteBytes)
                    .positiveOrNull("idleTimeout", idleTimeout)
                    .positiveOrNull("readTimeout", readTimeout)
                    .positiveOrNull("frameTimeout", frameTimeout)
                    .positiveOrNull("writeTimeout", writeTimeout)
                    .notNegative("maxFramesPerTurn", maxFramesPerTurn)
                    .waterMarks(writeBufferLowWaterMark, writeBufferHighWaterMark)
                    .rule(maxPendingWriteBytes == 0 || maxPendingWriteBytes >= writeBufferHighWaterMark,
                            "maxPendingWriteBytes (" + maxPendingWriteBytes
                            + ") must be 0 or at least writeBufferHighWaterMark (" + writeBufferHighWaterMark + ")")
                    .done();
            return new PipelineSettings(this);
        }
    }
}

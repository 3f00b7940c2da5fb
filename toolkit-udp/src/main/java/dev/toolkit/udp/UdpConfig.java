package dev.toolkit.udp;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.transport.Transport;

import java.util.Objects;

/**
 * Immutable socket settings shared by datagram servers and clients: transport, receive size, broadcast,
 * buffer sizes, path-MTU discovery, multicast and wire logging.
 *
 * <p>The receive size defaults to 65,535 bytes, so no UDP datagram is ever cut short. A smaller
 * {@link #maxDatagramSize()} saves memory; a datagram larger than it is then detected and reported (as a
 * {@link dev.toolkit.core.error.FrameTooLongException} and in {@link DatagramMetrics#truncated()}), never
 * delivered cut short.
 *
 * <pre>{@code
 * UdpConfig config = UdpConfig.builder().broadcast(true).build();
 * }</pre>
 */
public final class UdpConfig {

    /** The default and largest receive size: a UDP datagram's payload is always shorter. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 65535;

    private static final UdpConfig DEFAULTS = new Builder().build();

    private final Transport transport;
    private final int maxDatagramSize;
    private final boolean broadcast;
    private final boolean reuseAddress;
    private final int receiveBufferSize;
    private final int sendBufferSize;
    private final boolean pathMtuDiscovery;
    private final String multicastInterface;
    private final boolean multicastLoopback;
    private final int multicastTtl;
    private final WireLog wireLog;

    private UdpConfig(Builder b) {
        this.transport = b.transport;
        this.maxDatagramSize = b.maxDatagramSize;
        this.broadcast = b.broadcast;
        this.reuseAddress = b.reuseAddress;
        this.receiveBufferSize = b.receiveBufferSize;
        this.sendBufferSize = b.sendBufferSize;
        this.pathMtuDiscovery = b.pathMtuDiscovery;
        this.multicastInterface = b.multicastInterface;
        this.multicastLoopback = b.multicastLoopback;
        this.multicastTtl = b.multicastTtl;
        this.wireLog = b.wireLog;
    }

    /** The defaults: automatic transport, 65,535-byte receive size, no broadcast, system buffer sizes. */
    public static UdpConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.transport = transport;
        b.maxDatagramSize = maxDatagramSize;
        b.broadcast = broadcast;
        b.reuseAddress = reuseAddress;
        b.receiveBufferSize = receiveBufferSize;
        b.sendBufferSize = sendBufferSize;
        b.pathMtuDiscovery = pathMtuDiscovery;
        b.multicastInterface = multicastInterface;
        b.multicastLoopback = multicastLoopback;
        b.multicastTtl = multicastTtl;
        b.wireLog = wireLog;
        return b;
    }

    /** The Netty transport. */
    public Transport transport() {
        return transport;
    }

    /** The largest datagram received whole; a larger one is reported as truncated and dropped. */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /** SO_BROADCAST: whether datagrams may be sent to broadcast addresses. */
    public boolean broadcast() {
        return broadcast;
    }

    /** SO_REUSEADDR: whether several sockets may bind the same address (as multicast receivers do). */
    public boolean reuseAddress() {
        return reuseAddress;
    }

    /** SO_RCVBUF in bytes; 0 for the system's default. */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /** SO_SNDBUF in bytes; 0 for the system's default. */
    public int sendBufferSize() {
        return sendBufferSize;
    }

    /**
     * Whether the "don't fragment" bit is set and path-MTU discovery forced (Linux IP_MTU_DISCOVER =
     * IP_PMTUDISC_DO, or IPV6_MTU_DISCOVER): a datagram larger than the known path MTU then fails with
     * {@link DatagramTooLargeException} instead of being fragmented. Needs the epoll or io_uring transport;
     * on NIO the setting is ignored (with a warning in the log) and the system's default applies.
     */
    public boolean pathMtuDiscovery() {
        return pathMtuDiscovery;
    }

    /** The interface multicast datagrams are sent from (IP_MULTICAST_IF), by name; {@code null} for the system's choice. */
    public String multicastInterface() {
        return multicastInterface;
    }

    /** IP_MULTICAST_LOOP: whether this host's own group members receive what it sends. */
    public boolean multicastLoopback() {
        return multicastLoopback;
    }

    /** IP_MULTICAST_TTL: how many routers a multicast datagram may cross (0 keeps it on this host). */
    public int multicastTtl() {
        return multicastTtl;
    }

    /** Whether each datagram is logged (logger {@code dev.toolkit.wire}, DEBUG). */
    public WireLog wireLog() {
        return wireLog;
    }

    @Override
    public String toString() {
        return "UdpConfig{transport=" + transport + ", maxDatagramSize=" + maxDatagramSize + ", broadcast="
                + broadcast + ", reuseAddress=" + reuseAddress + ", rcvbuf=" + receiveBufferSize + ", sndbuf="
                + sendBufferSize + ", pathMtuDiscovery=" + pathMtuDiscovery + ", multicastInterface="
                + multicastInterface + ", multicastLoopback=" + multicastLoopback + ", multicastTtl="
                + multicastTtl + ", wireLog=" + wireLog + "}";
    }

    /** Builds a {@link UdpConfig}: the setters only store, {@link #build()} checks the whole. */
    public static final class Builder {
        private Transport transport = Transport.AUTO;
        private int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;
        private boolean broadcast;
        private boolean reuseAddress;
        private int receiveBufferSize;
        private int sendBufferSize;
        private boolean pathMtuDiscovery;
        private String multicastInterface;
        private boolean multicastLoopback = true;
        private int multicastTtl = 1;
        private WireLog wireLog = WireLog.OFF;

        private Builder() {
        }

        /** The transport (default automatic: epoll, io_uring, then NIO). */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The largest datagram received whole, 1..65535 (default 65535). */
        public Builder maxDatagramSize(int size) {
            this.maxDatagramSize = size;
            return this;
        }

        /** SO_BROADCAST (default off). */
        public Builder broadcast(boolean on) {
            this.broadcast = on;
            return this;
        }

        /** SO_REUSEADDR (default off). */
        public Builder reuseAddress(boolean on) {
            this.reuseAddress = on;
            return this;
        }

        /** SO_RCVBUF in bytes (default 0: the system's). */
        public Builder receiveBufferSize(int bytes) {
            this.receiveBufferSize = bytes;
            return this;
        }

        /** SO_SNDBUF in bytes (default 0: the system's). */
        public Builder sendBufferSize(int bytes) {
            this.sendBufferSize = bytes;
            return this;
        }

        /** Forced path-MTU discovery, "don't fragment" (default off); see {@link UdpConfig#pathMtuDiscovery()}. */
        public Builder pathMtuDiscovery(boolean on) {
            this.pathMtuDiscovery = on;
            return this;
        }

        /** The interface multicast is sent from, by name such as {@code lo} (default: the system's choice). */
        public Builder multicastInterface(String name) {
            this.multicastInterface = name == null || name.isBlank() ? null : name.trim();
            return this;
        }

        /** IP_MULTICAST_LOOP (default on, as the system's). */
        public Builder multicastLoopback(boolean on) {
            this.multicastLoopback = on;
            return this;
        }

        /** IP_MULTICAST_TTL, 0..255 (default 1: this network only). */
        public Builder multicastTtl(int ttl) {
            this.multicastTtl = ttl;
            return this;
        }

        /** Wire logging (default off). */
        public Builder wireLog(WireLog wireLog) {
            this.wireLog = Objects.requireNonNull(wireLog, "wireLog");
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong
         */
        public UdpConfig build() {
            Validation.of("UdpConfig")
                    .rule(maxDatagramSize >= 1 && maxDatagramSize <= DEFAULT_MAX_DATAGRAM_SIZE,
                            "maxDatagramSize must be 1..65535: " + maxDatagramSize)
                    .notNegative("receiveBufferSize", receiveBufferSize)
                    .notNegative("sendBufferSize", sendBufferSize)
                    .rule(multicastTtl >= 0 && multicastTtl <= 255, "multicastTtl must be 0..255: " + multicastTtl)
                    .done();
            return new UdpConfig(this);
        }
    }
}

package dev.toolkit.udp;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.error.ToolkitException;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Immutable settings of a datagram server: the address it binds, its socket settings and its limits.
 *
 * <pre>{@code
 * UdpServerConfig config = UdpServerConfig.builder()
 *         .host("127.0.0.1").port(1060)
 *         .sourceRateLimit(RateLimit.of(100, 20))
 *         .build();
 * }</pre>
 */
public final class UdpServerConfig {

    private final String host;
    private final int port;
    private final UdpConfig socket;
    private final RateLimit sourceRateLimit;
    private final BiConsumer<InetSocketAddress, ToolkitException> errorListener;
    private final String name;

    private UdpServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.socket = b.socket;
        this.sourceRateLimit = b.sourceRateLimit;
        this.errorListener = b.errorListener;
        this.name = b.name;
    }

    /** A builder with the defaults: 127.0.0.1, an ephemeral port, default socket settings, no rate limit. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.socket = socket;
        b.sourceRateLimit = sourceRateLimit;
        b.errorListener = errorListener;
        b.name = name;
        return b;
    }

    /**
     * The address to bind, an IP literal (or a name from {@code /etc/hosts}); empty for the IPv4 wildcard
     * {@code 0.0.0.0}; {@code ::} for the IPv6 wildcard.
     */
    public String host() {
        return host;
    }

    /** The port; 0 for an ephemeral port. */
    public int port() {
        return port;
    }

    /** The socket settings. */
    public UdpConfig socket() {
        return socket;
    }

    /** The per-source rate limit, or {@code null} for none. */
    public RateLimit sourceRateLimit() {
        return sourceRateLimit;
    }

    /**
     * Told of every datagram that could not be served (truncated, malformed, refused by the handler), on the
     * server's event loop; {@code null} for none. Failures are also logged at DEBUG and counted.
     */
    public BiConsumer<InetSocketAddress, ToolkitException> errorListener() {
        return errorListener;
    }

    /** The server's name, used for its thread and log lines. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "UdpServerConfig{" + name + " " + (host.isEmpty() ? "*" : host) + ":" + port + ", rateLimit="
                + sourceRateLimit + ", " + socket + "}";
    }

    /** Builds a {@link UdpServerConfig}: the setters only store, {@link #build()} checks the whole. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private UdpConfig socket = UdpConfig.defaults();
        private RateLimit sourceRateLimit;
        private BiConsumer<InetSocketAddress, ToolkitException> errorListener;
        private String name = "toolkit-udp-server";

        private Builder() {
        }

        /**
         * The address to bind (default 127.0.0.1); {@code null} or empty for every interface: the dual-stack
         * wildcard where the host has IPv6, as for TCP servers ({@link dev.toolkit.core.names.BindAddress}).
         */
        public Builder host(String host) {
            this.host = host == null ? "" : host.trim();
            return this;
        }

        /** The port (default 0, an ephemeral port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The socket settings (default {@link UdpConfig#defaults()}). */
        public Builder socket(UdpConfig socket) {
            this.socket = Objects.requireNonNull(socket, "socket");
            return this;
        }

        /** A per-source rate limit (default none); {@code null} for none. */
        public Builder sourceRateLimit(RateLimit limit) {
            this.sourceRateLimit = limit;
            return this;
        }

        /** Told of each datagram that could not be served (default none). */
        public Builder errorListener(BiConsumer<InetSocketAddress, ToolkitException> listener) {
            this.errorListener = listener;
            return this;
        }

        /** The server's name for threads and logs (default "toolkit-udp-server"). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong
         */
        public UdpServerConfig build() {
            Validation.of("UdpServerConfig").port("port", port).name("name", name).done();
            return new UdpServerConfig(this);
        }
    }
}

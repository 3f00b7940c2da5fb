package dev.toolkit.tcp.lb;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.transport.Transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of a {@link LoadBalancer}: where it listens, its backends and how it chooses among them,
 * how it checks their health, and its time-outs.
 *
 * <pre>{@code
 * LoadBalancerConfig config = LoadBalancerConfig.builder()
 *         .port(1060)
 *         .backend(new InetSocketAddress("127.0.0.1", 1061))
 *         .backend(new InetSocketAddress("127.0.0.1", 1062))
 *         .strategy(BalanceStrategy.LEAST_CONNECTIONS)
 *         .build();
 * }</pre>
 */
public final class LoadBalancerConfig {

    /** Default time allowed to connect to a backend before the next one is tried. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default time between two health checks of a backend. */
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(2);
    /** Default time a health check may take to connect. */
    public static final Duration DEFAULT_HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(1);
    /** Default idle time-out of a relayed connection. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final String host;
    private final int port;
    private final List<InetSocketAddress> backends;
    private final BalanceStrategy strategy;
    private final Duration connectTimeout;
    private final Duration healthCheckInterval;
    private final Duration healthCheckTimeout;
    private final int unhealthyThreshold;
    private final int healthyThreshold;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;
    private final ProxyHeader proxyHeader;
    private final Transport transport;
    private final int threads;
    private final String name;
    private final WireLog wireLog;

    private LoadBalancerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.backends = List.copyOf(b.backends);
        this.strategy = b.strategy;
        this.connectTimeout = b.connectTimeout;
        this.healthCheckInterval = b.healthCheckInterval;
        this.healthCheckTimeout = b.healthCheckTimeout;
        this.unhealthyThreshold = b.unhealthyThreshold;
        this.healthyThreshold = b.healthyThreshold;
        this.idleTimeout = b.idleTimeout;
        this.maxConnections = b.maxConnections;
        this.writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        this.proxyHeader = b.proxyHeader;
        this.transport = b.transport;
        this.threads = b.threads;
        this.name = b.name;
        this.wireLog = b.wireLog;
    }

    /** A builder with the defaults: 127.0.0.1, an ephemeral port, round robin, no backends yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.backends.addAll(backends);
        b.strategy = strategy;
        b.connectTimeout = connectTimeout;
        b.healthCheckInterval = healthCheckInterval;
        b.healthCheckTimeout = healthCheckTimeout;
        b.unhealthyThreshold = unhealthyThreshold;
        b.healthyThreshold = healthyThreshold;
        b.idleTimeout = idleTimeout;
        b.maxConnections = maxConnections;
        b.writeBufferLowWaterMark = writeBufferLowWaterMark;
        b.writeBufferHighWaterMark = writeBufferHighWaterMark;
        b.proxyHeader = proxyHeader;
        b.transport = transport;
        b.threads = threads;
        b.name = name;
        b.wireLog = wireLog;
        return b;
    }

    /** The interface to listen on; empty for every interface. */
    public String host() {
        return host;
    }

    /** The port to listen on; 0 for an ephemeral port. */
    public int port() {
        return port;
    }

    /** The backends, in the order given. */
    public List<InetSocketAddress> backends() {
        return backends;
    }

    /** How a backend is chosen for a new connection. */
    public BalanceStrategy strategy() {
        return strategy;
    }

    /** Time allowed to connect to a backend; past it the next backend is tried. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time between two health checks (a TCP connect) of each backend. */
    public Duration healthCheckInterval() {
        return healthCheckInterval;
    }

    /** Time a health check may take to connect before it counts as failed. */
    public Duration healthCheckTimeout() {
        return healthCheckTimeout;
    }

    /**
     * Consecutive failures (health checks or a client's connect attempts) after which a backend is taken out
     * of rotation.
     */
    public int unhealthyThreshold() {
        return unhealthyThreshold;
    }

    /** Consecutive passed health checks after which a backend that was out is put back into rotation. */
    public int healthyThreshold() {
        return healthyThreshold;
    }

    /** Close a relayed connection with no traffic either way for this long; {@code null} for never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The most relayed connections open at once; more are closed on accept. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Below this many queued bytes a side is writable again and the other side reads again. */
    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /** Above this many queued bytes for one side, the other side stops reading (back-pressure). */
    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /** Whether backend connections start with a PROXY protocol header naming the client. */
    public ProxyHeader proxyHeader() {
        return proxyHeader;
    }

    /** The Netty transport. */
    public Transport transport() {
        return transport;
    }

    /** Event loop threads; 0 for Netty's default. */
    public int threads() {
        return threads;
    }

    /** The balancer's name in thread names and log lines. */
    public String name() {
        return name;
    }

    /** Whether the bytes of the client side of each relayed connection are logged. */
    public WireLog wireLog() {
        return wireLog;
    }

    @Override
    public String toString() {
        return "LoadBalancerConfig{" + name + " " + (host.isEmpty() ? "*" : host) + ":" + port + " -> " + backends
                + " " + strategy + ", connectTimeout=" + connectTimeout + ", healthCheck every "
                + healthCheckInterval + " (timeout " + healthCheckTimeout + ", down after " + unhealthyThreshold
                + ", up after " + healthyThreshold + "), idleTimeout=" + idleTimeout + ", maxConnections="
                + maxConnections + ", proxyHeader=" + proxyHeader + ", transport=" + transport + "}";
    }

    /** Builds a {@link LoadBalancerConfig}: the setters only store, {@link #build()} checks the whole. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final List<InetSocketAddress> backends = new ArrayList<>();
        private BalanceStrategy strategy = BalanceStrategy.ROUND_ROBIN;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
        private Duration healthCheckTimeout = DEFAULT_HEALTH_CHECK_TIMEOUT;
        private int unhealthyThreshold = 2;
        private int healthyThreshold = 2;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxConnections = 1024;
        private int writeBufferLowWaterMark = 32 * 1024;
        private int writeBufferHighWaterMark = 64 * 1024;
        private ProxyHeader proxyHeader = ProxyHeader.NONE;
        private Transport transport = Transport.AUTO;
        private int threads;
        private String name = "toolkit-lb";
        private WireLog wireLog = WireLog.OFF;

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

        /** Adds a backend (an IP address and port; no name is looked up). */
        public Builder backend(InetSocketAddress backend) {
            backends.add(Objects.requireNonNull(backend, "backend"));
            return this;
        }

        /** Replaces the backends. */
        public Builder backends(List<InetSocketAddress> list) {
            backends.clear();
            list.forEach(this::backend);
            return this;
        }

        /** How a backend is chosen (default {@link BalanceStrategy#ROUND_ROBIN}). */
        public Builder strategy(BalanceStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** Time allowed to connect to a backend (default 2 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Time between health checks (default 2 s). */
        public Builder healthCheckInterval(Duration interval) {
            this.healthCheckInterval = interval;
            return this;
        }

        /** Time a health check may take (default 1 s). */
        public Builder healthCheckTimeout(Duration timeout) {
            this.healthCheckTimeout = timeout;
            return this;
        }

        /** Consecutive failures that take a backend out (default 2). */
        public Builder unhealthyThreshold(int n) {
            this.unhealthyThreshold = n;
            return this;
        }

        /** Consecutive passed checks that put a backend back (default 2). */
        public Builder healthyThreshold(int n) {
            this.healthyThreshold = n;
            return this;
        }

        /** Idle time-out of a relayed connection (default 5 minutes); {@code null} for none. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** The most relayed connections open at once (default 1024). */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** Write buffer water marks in bytes of each side (default 32 KiB and 64 KiB). */
        public Builder writeBufferWaterMark(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        /** A PROXY protocol header to send to backends (default {@link ProxyHeader#NONE}). */
        public Builder proxyHeader(ProxyHeader header) {
            this.proxyHeader = Objects.requireNonNull(header, "proxyHeader");
            return this;
        }

        /** The Netty transport (default {@link Transport#AUTO}). */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Event loop threads (default 0: Netty's default). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The name in thread names and log lines (default "toolkit-lb"). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Wire logging of the client side of each relayed connection (default off). */
        public Builder wireLog(WireLog wireLog) {
            this.wireLog = Objects.requireNonNull(wireLog, "wireLog");
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong (no backend among them)
         */
        public LoadBalancerConfig build() {
            Validation check = Validation.of("LoadBalancerConfig")
                    .port("port", port)
                    .rule(!backends.isEmpty(), "a load balancer needs at least one backend")
                    .positive("connectTimeout", connectTimeout)
                    .positive("healthCheckInterval", healthCheckInterval)
                    .positive("healthCheckTimeout", healthCheckTimeout)
                    .atLeast("unhealthyThreshold", unhealthyThreshold, 1)
                    .atLeast("healthyThreshold", healthyThreshold, 1)
                    .positiveOrNull("idleTimeout", idleTimeout)
                    .atLeast("maxConnections", maxConnections, 1)
                    .waterMarks(writeBufferLowWaterMark, writeBufferHighWaterMark)
                    .notNegative("threads", threads)
                    .name("name", name);
            for (InetSocketAddress backend : backends) {
                check.rule(!backend.isUnresolved(), "backend must be a resolved address: " + backend);
            }
            check.done();
            return new LoadBalancerConfig(this);
        }
    }
}

package dev.toolkit.http.server;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.server.ServerConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of an {@link HttpServer}: core's {@link ServerConfig} (address, architecture, TLS, PROXY
 * protocol, connection limits) and HTTP's own limits and time-outs. An immutable value:
 * {@code HttpServerConfig.builder()...build()}, {@link #toBuilder()} to derive another; {@code build()} checks
 * the whole configuration and names every wrong setting.
 */
public final class HttpServerConfig {

    /** The name of the default core configuration. */
    public static final String DEFAULT_NAME = "http-server";
    /** Default longest request line (then 414). */
    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8192;
    /** Default largest header section (then 431). */
    public static final int DEFAULT_MAX_HEADER_SIZE = 16384;
    /** Default most header fields (then 431). */
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    /** Default largest request body (then 413). */
    public static final long DEFAULT_MAX_BODY_SIZE = 10L * 1024 * 1024;
    /** Default time from a request's first byte to the end of its header section (then 408). */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Default longest gap between two reads of a body (then 408). */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
    /** Default idle time between requests before a keep-alive connection is closed. */
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(60);
    /** Default most requests on one connection. */
    public static final int DEFAULT_MAX_REQUESTS_PER_CONNECTION = 1000;
    /** Default most requests read ahead of the oldest unanswered one. */
    public static final int DEFAULT_MAX_PIPELINED_REQUESTS = 16;
    /** Default size of the worker pool for blocking applications. */
    public static final int DEFAULT_WORKER_THREADS = 32;
    /** Default most requests waiting for a worker (then 503). */
    public static final int DEFAULT_WORKER_QUEUE = 256;
    /** Default smallest body that is compressed. */
    public static final int DEFAULT_COMPRESSION_MIN_SIZE = 1024;

    private static final HttpServerConfig DEFAULTS = builder().build();

    private final ServerConfig server;
    private final int maxRequestLineLength;
    private final int maxHeaderSize;
    private final int maxHeaderCount;
    private final long maxBodySize;
    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final Duration keepAliveTimeout;
    private final int maxRequestsPerConnection;
    private final int maxPipelinedRequests;
    private final int workerThreads;
    private final int workerQueue;
    private final boolean compression;
    private final int compressionMinSize;
    private final List<String> trustedProxies;
    private final boolean accessLog;

    private HttpServerConfig(Builder b) {
        this.server = b.server;
        this.maxRequestLineLength = b.maxRequestLineLength;
        this.maxHeaderSize = b.maxHeaderSize;
        this.maxHeaderCount = b.maxHeaderCount;
        this.maxBodySize = b.maxBodySize;
        this.headerTimeout = b.headerTimeout;
        this.bodyTimeout = b.bodyTimeout;
        this.keepAliveTimeout = b.keepAliveTimeout;
        this.maxRequestsPerConnection = b.maxRequestsPerConnection;
        this.maxPipelinedRequests = b.maxPipelinedRequests;
        this.workerThreads = b.workerThreads;
        this.workerQueue = b.workerQueue;
        this.compression = b.compression;
        this.compressionMinSize = b.compressionMinSize;
        this.trustedProxies = List.copyOf(b.trustedProxies);
        this.accessLog = b.accessLog;
    }

    /** The defaults: 127.0.0.1, an ephemeral port, every limit at its default. */
    public static HttpServerConfig defaults() {
        return DEFAULTS;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.server = server;
        b.maxRequestLineLength = maxRequestLineLength;
        b.maxHeaderSize = maxHeaderSize;
        b.maxHeaderCount = maxHeaderCount;
        b.maxBodySize = maxBodySize;
        b.headerTimeout = headerTimeout;
        b.bodyTimeout = bodyTimeout;
        b.keepAliveTimeout = keepAliveTimeout;
        b.maxRequestsPerConnection = maxRequestsPerConnection;
        b.maxPipelinedRequests = maxPipelinedRequests;
        b.workerThreads = workerThreads;
        b.workerQueue = workerQueue;
        b.compression = compression;
        b.compressionMinSize = compressionMinSize;
        b.trustedProxies = new ArrayList<>(trustedProxies);
        b.accessLog = accessLog;
        return b;
    }

    /** Core's settings: address, architecture, TLS ({@code security}), PROXY protocol, connection limits. */
    public ServerConfig server() {
        return server;
    }

    /** The longest request line in bytes; a longer one is answered with 414. Default 8192. */
    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    /** The largest header section in bytes; a larger one is answered with 431. Default 16384. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** The most header fields; more are answered with 431. Default 100. */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /**
     * The largest request body in bytes; a larger one is answered with 413: at once when its
     * {@code Content-Length} says so (before any {@code 100 Continue}), else as soon as the bytes received pass
     * it. Default 10 MiB.
     */
    public long maxBodySize() {
        return maxBodySize;
    }

    /**
     * The longest time from a request's first byte (or the connection's opening) to the end of its header
     * section; then 408 and close. Default 10 s.
     */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** The longest gap between two reads of a request body; then 408 and close. Default 30 s. */
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    /** The longest idle time between requests on a keep-alive connection; then it is closed. Default 60 s. */
    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    /** The most requests on one connection; the last one's response carries {@code Connection: close}. Default 1000. */
    public int maxRequestsPerConnection() {
        return maxRequestsPerConnection;
    }

    /**
     * The most requests read ahead of the oldest unanswered one (pipelining); beyond, the connection stops
     * reading until answers are sent. Default 16.
     */
    public int maxPipelinedRequests() {
        return maxPipelinedRequests;
    }

    /** The number of threads of the worker pool that blocking applications run on. Default 32. */
    public int workerThreads() {
        return workerThreads;
    }

    /** The most requests waiting for a worker thread; beyond, 503 with {@code Retry-After}. Default 256. */
    public int workerQueue() {
        return workerQueue;
    }

    /** Whether responses of compressible types are compressed (gzip or deflate, as the client accepts). Default on. */
    public boolean compression() {
        return compression;
    }

    /** The smallest body, in bytes, that is compressed. Default 1024. */
    public int compressionMinSize() {
        return compressionMinSize;
    }

    /**
     * The addresses and CIDR blocks of the proxies whose {@code Forwarded}, {@code X-Forwarded-For} and
     * {@code X-Forwarded-Proto} headers are believed. Default none.
     */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /** Whether each response is logged in Combined Log Format on the SLF4J logger {@code dev.toolkit.http.access}. Default on. */
    public boolean accessLog() {
        return accessLog;
    }

    @Override
    public String toString() {
        return "HttpServerConfig{server=" + server + ", maxRequestLineLength=" + maxRequestLineLength
                + ", maxHeaderSize=" + maxHeaderSize + ", maxHeaderCount=" + maxHeaderCount + ", maxBodySize="
                + maxBodySize + ", headerTimeout=" + headerTimeout + ", bodyTimeout=" + bodyTimeout
                + ", keepAliveTimeout=" + keepAliveTimeout + ", maxRequestsPerConnection=" + maxRequestsPerConnection
                + ", maxPipelinedRequests=" + maxPipelinedRequests + ", workerThreads=" + workerThreads
                + ", workerQueue=" + workerQueue + ", compression=" + compression + ", compressionMinSize="
                + compressionMinSize + ", trustedProxies=" + trustedProxies + ", accessLog=" + accessLog + "}";
    }

    /** Builds an {@link HttpServerConfig}: setters only store, {@link #build()} checks everything. */
    public static final class Builder {
        private ServerConfig server = ServerConfig.builder().name(DEFAULT_NAME).build();
        private int maxRequestLineLength = DEFAULT_MAX_REQUEST_LINE_LENGTH;
        private int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
        private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
        private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private Duration keepAliveTimeout = DEFAULT_KEEP_ALIVE_TIMEOUT;
        private int maxRequestsPerConnection = DEFAULT_MAX_REQUESTS_PER_CONNECTION;
        private int maxPipelinedRequests = DEFAULT_MAX_PIPELINED_REQUESTS;
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private int workerQueue = DEFAULT_WORKER_QUEUE;
        private boolean compression = true;
        private int compressionMinSize = DEFAULT_COMPRESSION_MIN_SIZE;
        private List<String> trustedProxies = new ArrayList<>();
        private boolean accessLog = true;

        private Builder() {
        }

        /** Core's settings (default: a {@code ServerConfig} named {@code http-server}). */
        public Builder server(ServerConfig server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** The longest request line in bytes (default 8192). */
        public Builder maxRequestLineLength(int max) {
            this.maxRequestLineLength = max;
            return this;
        }

        /** The largest header section in bytes (default 16384). */
        public Builder maxHeaderSize(int max) {
            this.maxHeaderSize = max;
            return this;
        }

        /** The most header fields (default 100). */
        public Builder maxHeaderCount(int max) {
            this.maxHeaderCount = max;
            return this;
        }

        /** The largest request body in bytes (default 10 MiB). */
        public Builder maxBodySize(long max) {
            this.maxBodySize = max;
            return this;
        }

        /** The header time-out (default 10 s). */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = timeout;
            return this;
        }

        /** The body time-out (default 30 s). */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = timeout;
            return this;
        }

        /** The keep-alive idle time-out (default 60 s). */
        public Builder keepAliveTimeout(Duration timeout) {
            this.keepAliveTimeout = timeout;
            return this;
        }

        /** The most requests per connection (default 1000). */
        public Builder maxRequestsPerConnection(int max) {
            this.maxRequestsPerConnection = max;
            return this;
        }

        /** The most pipelined requests read ahead (default 16). */
        public Builder maxPipelinedRequests(int max) {
            this.maxPipelinedRequests = max;
            return this;
        }

        /** The worker pool's threads (default 32). */
        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        /** The worker pool's queue (default 256; 0 for none: a request finding every worker busy gets 503). */
        public Builder workerQueue(int max) {
            this.workerQueue = max;
            return this;
        }

        /** Whether to compress compressible responses (default on). */
        public Builder compression(boolean on) {
            this.compression = on;
            return this;
        }

        /** The smallest body compressed, in bytes (default 1024). */
        public Builder compressionMinSize(int min) {
            this.compressionMinSize = min;
            return this;
        }

        /** The trusted proxies: IP addresses and CIDR blocks such as {@code 10.0.0.0/8} (default none). */
        public Builder trustedProxies(List<String> proxies) {
            this.trustedProxies = new ArrayList<>(Objects.requireNonNull(proxies, "trustedProxies"));
            return this;
        }

        /** Whether to write the access log (default on). */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong
         */
        public HttpServerConfig build() {
            Validation check = Validation.of("HttpServerConfig")
                    .atLeast("maxRequestLineLength", maxRequestLineLength, 16)
                    .atLeast("maxHeaderSize", maxHeaderSize, 64)
                    .atLeast("maxHeaderCount", maxHeaderCount, 1)
                    .notNegative("maxBodySize", maxBodySize)
                    .positive("headerTimeout", headerTimeout)
                    .positive("bodyTimeout", bodyTimeout)
                    .positive("keepAliveTimeout", keepAliveTimeout)
                    .atLeast("maxRequestsPerConnection", maxRequestsPerConnection, 1)
                    .atLeast("maxPipelinedRequests", maxPipelinedRequests, 1)
                    .atLeast("workerThreads", workerThreads, 1)
                    .notNegative("workerQueue", workerQueue)
                    .notNegative("compressionMinSize", compressionMinSize);
            for (String proxy : trustedProxies) {
                String problem = TrustedProxies.problem(proxy);
                check.rule(problem == null, "trustedProxies: " + problem);
            }
            check.done();
            return new HttpServerConfig(this);
        }
    }
}

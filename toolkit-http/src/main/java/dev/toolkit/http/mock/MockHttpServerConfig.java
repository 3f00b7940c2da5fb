package dev.toolkit.http.mock;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.tls.TlsServerConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link MockHttpServer}: where it listens, TLS, the answer when nothing is enqueued, how long
 * {@link MockHttpServer#takeRequest()} waits, and the limits of what it records. Immutable; made by
 * {@link #builder()}, varied through {@link #toBuilder()}. The limits are generous, because a test server must
 * take what a client sends in order to show it.
 *
 * <pre>{@code
 * MockHttpServerConfig config = MockHttpServerConfig.builder()
 *         .tls(TlsServerConfig.builder().certificate(serverCertificate).build())   // https://
 *         .defaultResponse(MockResponse.builder().status(503).build())
 *         .takeTimeout(Duration.ofSeconds(2))
 *         .build();
 * }</pre>
 */
public final class MockHttpServerConfig {

    /** Default host: IPv4 loopback. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default wait of {@link MockHttpServer#takeRequest()}. */
    public static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Default longest request line: 64 KiB. */
    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 64 * 1024;
    /** Default largest header section (or trailer section): 1 MiB. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 1024 * 1024;
    /** Default largest request body recorded: 64 MiB. */
    public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024 * 1024;
    /** The largest body limit that can be set: what one Java array holds. */
    public static final int MAX_BODY_SIZE_LIMIT = Integer.MAX_VALUE - 8;

    private final String host;
    private final int port;
    private final TlsServerConfig tls;
    private final MockResponse defaultResponse;
    private final Duration takeTimeout;
    private final int maxRequestLineLength;
    private final int maxHeaderSize;
    private final int maxBodySize;
    private final WireLog wireLog;
    private final String name;

    private MockHttpServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.tls = b.tls;
        this.defaultResponse = b.defaultResponse;
        this.takeTimeout = b.takeTimeout;
        this.maxRequestLineLength = b.maxRequestLineLength;
        this.maxHeaderSize = b.maxHeaderSize;
        this.maxBodySize = b.maxBodySize;
        this.wireLog = b.wireLog;
        this.name = b.name;
    }

    /** A builder with the defaults: 127.0.0.1, an ephemeral port, plaintext, 404 when nothing is enqueued. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.tls = tls;
        b.defaultResponse = defaultResponse;
        b.takeTimeout = takeTimeout;
        b.maxRequestLineLength = maxRequestLineLength;
        b.maxHeaderSize = maxHeaderSize;
        b.maxBodySize = maxBodySize;
        b.wireLog = wireLog;
        b.name = name;
        return b;
    }

    /** The address to listen on (a literal or a hosts-file name); also the host of {@link MockHttpServer#url}. */
    public String host() {
        return host;
    }

    /** The port to listen on; 0 (the default) for an ephemeral port. */
    public int port() {
        return port;
    }

    /** TLS on every connection, making the server's URLs {@code https://}; empty for plaintext (the default). */
    public Optional<TlsServerConfig> tls() {
        return Optional.ofNullable(tls);
    }

    /** The answer when the queue is empty and no dispatcher is set: {@code 404 Not Found} unless set. */
    public MockResponse defaultResponse() {
        return defaultResponse;
    }

    /** How long {@link MockHttpServer#takeRequest()} waits for a request. Default 10 s. */
    public Duration takeTimeout() {
        return takeTimeout;
    }

    /** The longest request line accepted (longer: 414 and close). Default 64 KiB. */
    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    /** The largest header section, and trailer section, accepted (larger: 431 and close). Default 1 MiB. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** The largest request body recorded (larger: 413 and close). Default 64 MiB. */
    public int maxBodySize() {
        return maxBodySize;
    }

    /** Whether connections' bytes are logged (core's wire log). Default {@link WireLog#OFF}. */
    public WireLog wireLog() {
        return wireLog;
    }

    /** The server's name, in thread names and log lines. Default {@code mock-http-server}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "MockHttpServerConfig{" + name + " on " + host + ":" + port + (tls != null ? ", TLS" : "")
                + ", default " + defaultResponse + "}";
    }

    /** Collects the settings; {@link #build()} checks them all at once. */
    public static final class Builder {

        private String host = DEFAULT_HOST;
        private int port;
        private TlsServerConfig tls;
        private MockResponse defaultResponse = MockResponse.builder().status(404).build();
        private Duration takeTimeout = DEFAULT_TAKE_TIMEOUT;
        private int maxRequestLineLength = DEFAULT_MAX_REQUEST_LINE_LENGTH;
        private int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
        private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private WireLog wireLog = WireLog.OFF;
        private String name = "mock-http-server";

        private Builder() {
        }

        /** The address to listen on. Default 127.0.0.1. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port; 0 for an ephemeral one (the default). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** TLS on every connection; {@code null} for plaintext (the default). */
        public Builder tls(TlsServerConfig tls) {
            this.tls = tls;
            return this;
        }

        /** The answer when the queue is empty and no dispatcher is set. Default {@code 404 Not Found}. */
        public Builder defaultResponse(MockResponse response) {
            this.defaultResponse = Objects.requireNonNull(response, "response");
            return this;
        }

        /** How long {@link MockHttpServer#takeRequest()} waits. Default 10 s. */
        public Builder takeTimeout(Duration timeout) {
            this.takeTimeout = timeout;
            return this;
        }

        /** The longest request line accepted. Default 64 KiB. */
        public Builder maxRequestLineLength(int length) {
            this.maxRequestLineLength = length;
            return this;
        }

        /** The largest header (and trailer) section accepted. Default 1 MiB. */
        public Builder maxHeaderSize(int size) {
            this.maxHeaderSize = size;
            return this;
        }

        /** The largest request body recorded. Default 64 MiB. */
        public Builder maxBodySize(int size) {
            this.maxBodySize = size;
            return this;
        }

        /** Logs connections' bytes. Default {@link WireLog#OFF}. */
        public Builder wireLog(WireLog wireLog) {
            this.wireLog = Objects.requireNonNull(wireLog, "wireLog");
            return this;
        }

        /** The server's name for threads and logs. Default {@code mock-http-server}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Checks every setting and makes the configuration.
         *
         * @throws IllegalArgumentException naming every wrong setting
         */
        public MockHttpServerConfig build() {
            Validation.of("MockHttpServerConfig")
                    .name("host", host)
                    .port("port", port)
                    .positive("takeTimeout", takeTimeout)
                    .atLeast("maxRequestLineLength", maxRequestLineLength, 16)
                    .atLeast("maxHeaderSize", maxHeaderSize, 64)
                    .notNegative("maxBodySize", maxBodySize)
                    .rule(maxBodySize <= MAX_BODY_SIZE_LIMIT, "maxBodySize must be at most " + MAX_BODY_SIZE_LIMIT
                            + ": " + maxBodySize)
                    .name("name", name)
                    .done();
            return new MockHttpServerConfig(this);
        }
    }
}

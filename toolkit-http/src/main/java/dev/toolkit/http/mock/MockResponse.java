package dev.toolkit.http.mock;

import dev.toolkit.core.config.Validation;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * One scripted answer of a {@link MockHttpServer}: status, headers, body, how the body is framed and paced, and
 * what happens to the connection ({@link SocketPolicy}). Immutable; made by {@link #builder()}, varied through
 * {@link #toBuilder()}.
 *
 * <p>The server adds only what framing needs: {@code Content-Length} for a body that is not chunked,
 * {@code Transfer-Encoding: chunked} for one that is (a header set here wins, so a test can send a wrong
 * length on purpose), and {@code Connection: close} when it is going to close the connection after the
 * response. A response to {@code HEAD}, or with status 1xx, 204 or 304, carries no body.
 *
 * <pre>{@code
 * MockResponse slow = MockResponse.builder()
 *         .status(200).header("Content-Type", "text/plain")
 *         .chunkedBody("a body sent in pieces", 4)
 *         .headersDelay(Duration.ofMillis(200))
 *         .throttle(8, Duration.ofMillis(50))          // 8 bytes every 50 ms
 *         .build();
 * }</pre>
 */
public final class MockResponse {

    /** What the server answers to a request that carries {@code Expect: 100-continue}. */
    public enum ExpectContinue {
        /** Sends {@code 100 Continue}, reads the body, then answers (the default). */
        CONTINUE,
        /** Answers {@code 417 Expectation Failed} without reading the body, then closes the connection. */
        REJECT,
        /**
         * Sends this response at once, without a {@code 100 Continue} and without reading the body, then closes
         * the connection (the unread body cannot be told from a next request). The request is recorded with an
         * empty body.
         */
        FINAL_RESPONSE
    }

    private final int status;
    private final String reason;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final int chunkSize;
    private final List<Map.Entry<String, String>> trailers;
    private final SocketPolicy socketPolicy;
    private final Duration headersDelay;
    private final long throttleBytes;
    private final Duration throttlePeriod;
    private final ExpectContinue expectContinue;

    private MockResponse(Builder b) {
        this.status = b.status;
        this.reason = b.reason;
        this.headers = List.copyOf(b.headers);
        this.body = b.body.clone();
        this.chunkSize = b.chunkSize;
        this.trailers = List.copyOf(b.trailers);
        this.socketPolicy = b.socketPolicy;
        this.headersDelay = b.headersDelay;
        this.throttleBytes = b.throttleBytes;
        this.throttlePeriod = b.throttlePeriod;
        this.expectContinue = b.expectContinue;
    }

    /** A builder for {@code 200 OK} with no header, an empty body, {@link SocketPolicy#KEEP_OPEN}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this response's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.status = status;
        b.reason = reason;
        b.headers.addAll(headers);
        b.body = body.clone();
        b.chunkSize = chunkSize;
        b.trailers.addAll(trailers);
        b.socketPolicy = socketPolicy;
        b.headersDelay = headersDelay;
        b.throttleBytes = throttleBytes;
        b.throttlePeriod = throttlePeriod;
        b.expectContinue = expectContinue;
        return b;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The reason phrase of the status line: the one set, else the standard one for the code. */
    public String reason() {
        return reason != null ? reason : HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    /** The headers, in the order they were added (a copy: changing it changes nothing here). */
    public HttpHeaders headers() {
        return toHeaders(headers);
    }

    /** The body bytes as sent (gzip-compressed for {@link Builder#gzipBody}); a copy. */
    public byte[] body() {
        return body.clone();
    }

    /** Whether the body is sent with {@code Transfer-Encoding: chunked}. */
    public boolean chunked() {
        return chunkSize > 0;
    }

    /** The size of each chunk of a chunked body; 0 when the body is not chunked. */
    public int chunkSize() {
        return chunkSize;
    }

    /** The trailer fields sent after a chunked body (a copy). */
    public HttpHeaders trailers() {
        return toHeaders(trailers);
    }

    /** What happens to the connection. */
    public SocketPolicy socketPolicy() {
        return socketPolicy;
    }

    /** How long the server waits, once the request is read, before it sends the headers. */
    public Duration headersDelay() {
        return headersDelay;
    }

    /** Bytes of the body sent per {@link #throttlePeriod()}; 0 when the body is not throttled. */
    public long throttleBytes() {
        return throttleBytes;
    }

    /** The period of the throttle; {@code null} when the body is not throttled. */
    public Duration throttlePeriod() {
        return throttlePeriod;
    }

    /** The answer to {@code Expect: 100-continue}. */
    public ExpectContinue expectContinue() {
        return expectContinue;
    }

    /** The headers as a list, in order, for the server (no copy of a copy). */
    List<Map.Entry<String, String>> headerList() {
        return headers;
    }

    /** The trailers as a list, in order. */
    List<Map.Entry<String, String>> trailerList() {
        return trailers;
    }

    /** The body without a copy, for the server, which never changes it. */
    byte[] bodyBytes() {
        return body;
    }

    /** Whether the response asks for the connection to close after it. */
    boolean closesConnection() {
        return headers.stream().anyMatch(h -> HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(h.getKey())
                && HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(h.getValue().trim()));
    }

    private static HttpHeaders toHeaders(List<Map.Entry<String, String>> fields) {
        HttpHeaders copy = new DefaultHttpHeaders();
        fields.forEach(f -> copy.add(f.getKey(), f.getValue()));
        return copy;
    }

    @Override
    public String toString() {
        return "MockResponse{" + status + " " + reason() + ", " + headers.size() + " headers, " + body.length
                + " body bytes" + (chunked() ? ", chunked by " + chunkSize : "") + ", " + socketPolicy + "}";
    }

    /** Collects a response's settings; {@link #build()} checks them all at once. */
    public static final class Builder {

        private int status = 200;
        private String reason;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private int chunkSize;
        private final List<Map.Entry<String, String>> trailers = new ArrayList<>();
        private SocketPolicy socketPolicy = SocketPolicy.KEEP_OPEN;
        private Duration headersDelay = Duration.ZERO;
        private long throttleBytes;
        private Duration throttlePeriod;
        private ExpectContinue expectContinue = ExpectContinue.CONTINUE;

        private Builder() {
        }

        /** The status code (100..999), with its standard reason phrase. Default 200. */
        public Builder status(int status) {
            this.status = status;
            this.reason = null;
            return this;
        }

        /** The status code and the reason phrase of the status line. */
        public Builder status(int status, String reason) {
            this.status = status;
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /** Adds a header field (a name may be added more than once; the order is kept). */
        public Builder header(String name, String value) {
            headers.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** Replaces every header field called {@code name} (case-insensitively) with this one. */
        public Builder setHeader(String name, String value) {
            removeHeader(name);
            return header(name, value);
        }

        /** Removes every header field called {@code name} (case-insensitively). */
        public Builder removeHeader(String name) {
            Objects.requireNonNull(name, "name");
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            return this;
        }

        /** Asks for the connection to close after this response ({@code Connection: close}). */
        public Builder closeConnection() {
            return setHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString());
        }

        /** The body. Default empty. */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body").clone();
            return this;
        }

        /** The body as UTF-8 text (no {@code Content-Type} is implied: set one with {@link #header}). */
        public Builder body(String text) {
            return body(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Sends the body with {@code Transfer-Encoding: chunked}, in chunks of {@code chunkSize} bytes (the last
         * one shorter); 0 sends it with a {@code Content-Length} (the default).
         */
        public Builder chunked(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /** The body, sent chunked in chunks of {@code chunkSize} bytes: {@code body(body).chunked(chunkSize)}. */
        public Builder chunkedBody(byte[] body, int chunkSize) {
            return body(body).chunked(chunkSize);
        }

        /** The UTF-8 text body, sent chunked in chunks of {@code chunkSize} bytes. */
        public Builder chunkedBody(String text, int chunkSize) {
            return body(text).chunked(chunkSize);
        }

        /** The body compressed with gzip, and {@code Content-Encoding: gzip}. */
        public Builder gzipBody(byte[] uncompressed) {
            Objects.requireNonNull(uncompressed, "uncompressed");
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(uncompressed);
            } catch (IOException e) {
                throw new UncheckedIOException("gzip into memory failed", e);
            }
            this.body = compressed.toByteArray();
            return setHeader(HttpHeaderNames.CONTENT_ENCODING.toString(), HttpHeaderValues.GZIP.toString());
        }

        /** The UTF-8 text body compressed with gzip, and {@code Content-Encoding: gzip}. */
        public Builder gzipBody(String text) {
            return gzipBody(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
        }

        /** Adds a trailer field, sent after the last chunk; the body must be {@linkplain #chunked chunked}. */
        public Builder trailer(String name, String value) {
            trailers.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** What happens to the connection. Default {@link SocketPolicy#KEEP_OPEN}. */
        public Builder socketPolicy(SocketPolicy policy) {
            this.socketPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Waits this long after the request before sending the headers (on a timer, not a thread). Default 0. */
        public Builder headersDelay(Duration delay) {
            this.headersDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Sends the body at {@code bytes} bytes per {@code period}: a slow server. Without a chunked body the
         * body goes in pieces of {@code bytes}; a chunked body goes a chunk at a time, each followed by the
         * pause its share of the rate asks for.
         */
        public Builder throttle(long bytes, Duration period) {
            this.throttleBytes = bytes;
            this.throttlePeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /** The answer to {@code Expect: 100-continue}. Default {@link ExpectContinue#CONTINUE}. */
        public Builder expectContinue(ExpectContinue answer) {
            this.expectContinue = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /**
         * Checks every setting and makes the response.
         *
         * @throws IllegalArgumentException naming every wrong setting
         */
        public MockResponse build() {
            Validation check = Validation.of("MockResponse")
                    .rule(status >= 100 && status <= 999, "status must be 100..999: " + status)
                    .rule(reason == null || reason.chars().noneMatch(c -> c == '\r' || c == '\n'),
                            "reason must not contain CR or LF: \"" + reason + "\"")
                    .notNegative("chunked (chunk size)", chunkSize)
                    .rule(trailers.isEmpty() || chunkSize > 0, "trailers need a chunked body (chunked(size))")
                    .notNegativeOrNull("headersDelay", headersDelay)
                    .rule(throttlePeriod == null || throttleBytes >= 1,
                            "throttle bytes must be at least 1: " + throttleBytes)
                    .positiveOrNull("throttle period", throttlePeriod)
                    .rule(socketPolicy != SocketPolicy.CLOSE_MID_BODY || body.length >= 2,
                            "socketPolicy CLOSE_MID_BODY needs a body of at least 2 bytes: " + body.length);
            fieldProblems(check, "header", headers);
            fieldProblems(check, "trailer", trailers);
            check.done();
            return new MockResponse(this);
        }

        /** A field Netty would refuse to encode, named before the response is ever sent. */
        private static void fieldProblems(Validation check, String kind, List<Map.Entry<String, String>> fields) {
            for (Map.Entry<String, String> field : fields) {
                try {
                    new DefaultHttpHeaders().add(field.getKey(), field.getValue());
                } catch (IllegalArgumentException e) {
                    check.rule(false, kind + " \"" + field.getKey() + ": " + field.getValue() + "\" is not valid: "
                            + e.getMessage());
                }
            }
        }
    }
}

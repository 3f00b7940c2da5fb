package dev.toolkit.http.server;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response: status, headers and body. An immutable value; {@link #toBuilder()} derives another.
 *
 * <p>The application sets only what is its own. The server adds {@code Date}, chooses
 * {@code Content-Length} or chunked framing, {@code Connection}, compression ({@code Content-Encoding}, and
 * {@code Vary: Accept-Encoding} on the answers that could be compressed), and drops the body of an answer to {@code HEAD}. {@code Content-Type} comes from the body
 * unless a header sets it.
 */
public final class HttpResponse {

    private final HttpResponseStatus status;
    private final HttpHeaders headers;
    private final HttpHeaders view;
    private final ResponseBody body;

    private HttpResponse(Builder b) {
        this.status = b.status;
        this.headers = b.headers.copy();
        this.view = readOnly(headers);
        this.body = b.body;
    }

    /** A read-only copy of {@code headers} (also the request environment's view of its headers). */
    static HttpHeaders readOnly(HttpHeaders headers) {
        List<CharSequence> pairs = new ArrayList<>(headers.size() * 2);
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
        while (entries.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = entries.next();
            pairs.add(header.getKey());
            pairs.add(header.getValue());
        }
        return new ReadOnlyHttpHeaders(false, pairs.toArray(new CharSequence[0]));
    }

    /** A builder of a response with status {@code status} and an empty body. */
    public static Builder builder(int status) {
        return builder(HttpResponseStatus.valueOf(status));
    }

    /** A builder of a response with {@code status} and an empty body. */
    public static Builder builder(HttpResponseStatus status) {
        return new Builder(Objects.requireNonNull(status, "status"));
    }

    /** A builder holding this response's status, headers and body. */
    public Builder toBuilder() {
        Builder b = new Builder(status);
        b.headers.set(headers);
        b.body = body;
        return b;
    }

    /** A response with {@code status} and {@code body}. */
    public static HttpResponse of(int status, ResponseBody body) {
        return builder(status).body(body).build();
    }

    /** A 200 response with {@code body}. */
    public static HttpResponse ok(ResponseBody body) {
        return of(200, body);
    }

    /** A response with {@code text} as {@code text/plain; charset=utf-8}. */
    public static HttpResponse text(int status, String text) {
        return of(status, ResponseBody.text(text));
    }

    /**
     * A response with {@code value} written as JSON through Jackson ({@code application/json}).
     *
     * @throws IllegalArgumentException if Jackson cannot write {@code value}
     */
    public static HttpResponse json(int status, Object value) {
        return of(status, ResponseBody.json(value));
    }

    /**
     * A redirect to {@code location} with an empty body.
     *
     * @param status a 3xx status (301, 302, 303, 307, 308)
     * @throws IllegalArgumentException if {@code status} is not a 3xx status
     */
    public static HttpResponse redirect(int status, String location) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("a redirect needs a 3xx status: " + status);
        }
        return builder(status).setHeader(HttpHeaderNames.LOCATION, Objects.requireNonNull(location, "location"))
                .build();
    }

    /** The status. */
    public HttpResponseStatus status() {
        return status;
    }

    /** The headers the application set (read-only). */
    public HttpHeaders headers() {
        return view;
    }

    /** The body. */
    public ResponseBody body() {
        return body;
    }

    /** The headers to copy onto the wire (never modified). */
    HttpHeaders headersToWrite() {
        return headers;
    }

    @Override
    public String toString() {
        return "HttpResponse{" + status + ", " + headers.size() + " headers, " + body + "}";
    }

    /** Builds an {@link HttpResponse}; its setters only store, {@link #build()} makes the value. */
    public static final class Builder {
        private final HttpResponseStatus status;
        private final HttpHeaders headers = new DefaultHttpHeaders();
        private ResponseBody body = ResponseBody.empty();

        private Builder(HttpResponseStatus status) {
            this.status = status;
        }

        /**
         * Adds a header (another value when the name is already set).
         *
         * @throws IllegalArgumentException if the name or value is not a valid header name or value
         */
        public Builder header(CharSequence name, Object value) {
            headers.add(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets a header, replacing every value it had.
         *
         * @throws IllegalArgumentException if the name or value is not a valid header name or value
         */
        public Builder setHeader(CharSequence name, Object value) {
            headers.set(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The body (default: empty). */
        public Builder body(ResponseBody body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** The response. */
        public HttpResponse build() {
            return new HttpResponse(this);
        }
    }
}

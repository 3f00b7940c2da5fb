package dev.toolkit.http.codec;

import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.util.Objects;

/**
 * A request the codec refused: what was wrong, where, an escaped excerpt of the offending bytes, and the status
 * the server answers it with before closing the connection (the rest of the connection's input is not read).
 *
 * <p>{@link #of(HttpObject)} is the one place that turns a failed {@code decoderResult()} into a rejection:
 * after {@link ServerCodec}'s handlers every failed message already carries one as its cause, and Netty's own
 * failures are mapped by cause (request line too long 414, header section too long 431, everything else 400).
 */
public final class HttpRequestRejectedException extends ProtocolViolationException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;

    /**
     * @param status the status to answer with
     * @param what what was wrong and where, e.g. "bare CR in the request line at byte 4 of the request"
     * @param excerpt an escaped excerpt of the offending bytes ({@code dev.toolkit.core.error.Excerpts}), or
     *     {@code null}
     * @param cause the decoder's own failure, or {@code null}
     */
    public HttpRequestRejectedException(HttpResponseStatus status, String what, String excerpt, Throwable cause) {
        super(what, excerpt, cause);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** The status the request is answered with (400, 414, 429, 431, 501 or 505; 413 for an aggregator's limit). */
    public HttpResponseStatus status() {
        return status;
    }

    /**
     * The rejection a failed message stands for: its cause when that already is one, else Netty's failure mapped
     * by cause and by where it happened (a too-long line in a body is a chunk-size line: 400, not 414).
     *
     * @param failed a message whose {@code decoderResult()} failed
     * @throws IllegalArgumentException if its decoder result did not fail
     */
    public static HttpRequestRejectedException of(HttpObject failed) {
        DecoderResult result = failed.decoderResult();
        if (!result.isFailure()) {
            throw new IllegalArgumentException("the decoder result did not fail: " + result);
        }
        // Netty's stand-in for a head it could not read is a FullHttpRequest, which is an HttpContent too
        return of(result.cause(), failed instanceof HttpContent && !(failed instanceof HttpRequest));
    }

    /**
     * The rejection for a failure of the request decoder.
     *
     * @param cause what the decoder failed with
     * @param inBody whether it failed in the body (chunk framing, trailers) rather than in the request head
     */
    public static HttpRequestRejectedException of(Throwable cause, boolean inBody) {
        if (cause instanceof HttpRequestRejectedException) {
            return (HttpRequestRejectedException) cause;
        }
        String where = inBody ? "in the body" : "in the request head";
        if (cause instanceof TooLongHttpLineException) {
            return inBody
                    ? rejected(HttpResponseStatus.BAD_REQUEST, "chunk-size line too long", cause)
                    : rejected(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long", cause);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return rejected(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    inBody ? "trailer section too long" : "header section too long", cause);
        }
        if (cause instanceof TooLongHttpContentException) {
            return rejected(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large", cause);
        }
        if (cause instanceof PrematureChannelClosureException) {
            return rejected(HttpResponseStatus.BAD_REQUEST, "connection closed " + where, cause);
        }
        if (cause instanceof NumberFormatException) {
            return rejected(HttpResponseStatus.BAD_REQUEST, "invalid chunk size", cause);
        }
        return rejected(HttpResponseStatus.BAD_REQUEST, "malformed request " + where, cause);
    }

    /** Netty's failures carry no raw bytes: its message (which quotes the offending value) says what it saw. */
    private static HttpRequestRejectedException rejected(HttpResponseStatus status, String what, Throwable cause) {
        String detail = cause.getMessage();
        String said = detail == null || detail.isBlank() ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + printable(detail);
        return new HttpRequestRejectedException(status, what + " (" + said + ")", null, cause);
    }

    /** {@code text} with every character outside printable ASCII written as its hex code, as excerpts do. */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length() && sb.length() < 200; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else if (c <= 0xff) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}

package dev.toolkit.core.framing;

import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.ProtocolViolationException;

import java.util.Objects;

/**
 * A received line that line framing could not deliver as a line: too long, or (in strict mode) with a line
 * feed not preceded by a carriage return, or a carriage return not followed by a line feed. A line framer
 * made with {@link LineFramer#deliverMalformedLines()} passes one of these to the protocol in place of the
 * line and goes on with the next line, so that a protocol such as SMTP can answer {@code 500} and carry on;
 * otherwise the decoder fails with {@link #toException()}.
 */
public final class MalformedLine {

    /** What is wrong with a line. */
    public enum Reason {
        /** Longer than the framing's limit; the rest of it, up to the next line feed, was discarded. */
        TOO_LONG("is longer than the limit"),
        /** (Strict mode) ends with a line feed that no carriage return precedes. */
        BARE_LF("ends with a bare LF (no CR before it)"),
        /** (Strict mode) holds a carriage return that no line feed follows. */
        BARE_CR("holds a bare CR (no LF after it)");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final long offset;
    private final Reason reason;
    private final long length;
    private final int limit;
    private final String excerpt;

    /**
     * @param offset the offset in the received stream of the line's first byte
     * @param reason what is wrong
     * @param length bytes of the line seen when it was found malformed, without its line end
     * @param limit the framing's limit
     * @param excerpt an escaped excerpt of the start of the line (see {@link dev.toolkit.core.error.Excerpts})
     */
    public MalformedLine(long offset, Reason reason, long length, int limit, String excerpt) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
        }
        this.offset = offset;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.length = length;
        this.limit = limit;
        this.excerpt = Objects.requireNonNull(excerpt, "excerpt");
    }

    /** The offset in the received stream (bytes since the decoder was added) of the line's first byte. */
    public long offset() {
        return offset;
    }

    /** What is wrong with the line. */
    public Reason reason() {
        return reason;
    }

    /** Bytes of the line seen when it was found malformed, without its line end. */
    public long length() {
        return length;
    }

    /** The framing's limit on a line's length. */
    public int limit() {
        return limit;
    }

    /** An escaped excerpt of the start of the line, e.g. {@code b'MAIL FROM:<a>\n'}. */
    public String excerpt() {
        return excerpt;
    }

    /**
     * The error the decoder raises for this line when it does not deliver malformed lines: a
     * {@link FrameTooLongException} for {@link Reason#TOO_LONG}, else a {@link ProtocolViolationException}.
     */
    public ProtocolViolationException toException() {
        if (reason == Reason.TOO_LONG) {
            return new FrameTooLongException("line", limit, length, excerpt);
        }
        return new ProtocolViolationException("line at offset " + offset + " " + reason.text, excerpt, null);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MalformedLine)) {
            return false;
        }
        MalformedLine other = (MalformedLine) o;
        return offset == other.offset && reason == other.reason && length == other.length
                && limit == other.limit && excerpt.equals(other.excerpt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, reason, length, limit, excerpt);
    }

    @Override
    public String toString() {
        return "line at offset " + offset + " " + reason.text + " (" + length + " bytes, limit " + limit + "): "
                + excerpt;
    }
}

package dev.toolkit.core.framing;

import io.netty.channel.ChannelHandler;

import java.util.Objects;

/**
 * Line framing ({@link Framing#lines(int)}): each setting returns a configured copy.
 *
 * <pre>{@code
 * Framer book = Framing.lines(1024);                         // LF or CRLF; a bad line closes (the listings)
 * Framer smtp = Framing.lines(998).strictCrlf().deliverMalformedLines();  // CRLF only; 500 and carry on
 * }</pre>
 *
 * <p>The decoder splits at each LF and strips the line end. By default it takes LF or CRLF and keeps any
 * other CR; with {@link #strictCrlf()} a line must end with CRLF and hold no other CR (a bare LF or bare CR is
 * malformed, as SMTP requires against smuggling). A line longer than the limit (counted without its line end)
 * is found once {@code limit + 2} bytes have arrived without a line feed, and the rest of it is discarded up
 * to the next LF. A malformed or overlong line fails the decoder with a
 * {@link dev.toolkit.core.error.FrameTooLongException} or {@link dev.toolkit.core.error.ProtocolViolationException}
 * (wrapped in a {@link io.netty.handler.codec.DecoderException}), after which the connection's error handler
 * closes it; with {@link #deliverMalformedLines()} the protocol receives a {@link MalformedLine} message
 * instead, and the next line after it. The encoder takes a {@code ByteBuf} or any {@code CharSequence}
 * (written in UTF-8) per line, appends the chosen line end and rejects lines holding a line feed.
 */
public final class LineFramer implements Framer {

    private final int maxFrameLength;
    private final LineEnding encodeWith;
    private final boolean strict;
    private final boolean deliverMalformed;

    LineFramer(int maxFrameLength, LineEnding encodeWith, boolean strict, boolean deliverMalformed) {
        this.maxFrameLength = maxFrameLength;
        this.encodeWith = Objects.requireNonNull(encodeWith, "encodeWith");
        this.strict = strict;
        this.deliverMalformed = deliverMalformed;
    }

    /** A copy that takes CRLF only: a bare LF or a bare CR makes the line malformed. */
    public LineFramer strictCrlf() {
        return new LineFramer(maxFrameLength, encodeWith, true, deliverMalformed);
    }

    /**
     * A copy whose decoder passes each malformed or overlong line to the protocol as a {@link MalformedLine}
     * (after discarding it up to the next LF) instead of failing; the protocol then sees ByteBuf lines and
     * MalformedLine messages.
     */
    public LineFramer deliverMalformedLines() {
        return new LineFramer(maxFrameLength, encodeWith, strict, true);
    }

    /** Whether only CRLF ends a line. */
    public boolean isStrictCrlf() {
        return strict;
    }

    /** Whether malformed lines reach the protocol as {@link MalformedLine} messages. */
    public boolean deliversMalformedLines() {
        return deliverMalformed;
    }

    /** The line end the encoder appends. */
    public LineEnding encodeWith() {
        return encodeWith;
    }

    @Override
    public String description() {
        return "line";
    }

    @Override
    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public String name() {
        return "line";
    }

    @Override
    public ChannelHandler newDecoder() {
        return new LineFrameDecoder(maxFrameLength, strict, deliverMalformed);
    }

    @Override
    public ChannelHandler newEncoder() {
        return new DelimiterFrameEncoder(description(), maxFrameLength, encodeWith.bytes(), true);
    }

    @Override
    public String toString() {
        return (strict ? "strict CRLF " : "") + "line framing (max " + maxFrameLength + " bytes"
                + (deliverMalformed ? ", malformed lines delivered" : "") + ")";
    }
}

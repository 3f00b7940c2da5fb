package dev.toolkit.core.framing;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.FrameTooLongException;
import io.netty.buffer.ByteBuf;

/** Builds the errors every framing codec reports, so that they all read alike. */
final class FrameErrors {

    private FrameErrors() {
    }

    /**
     * A received frame breached the limit.
     *
     * @param buf holds the start of the frame at {@code index} (skipped bytes are still readable by index)
     * @param available how many bytes of the frame {@code buf} holds from {@code index}
     */
    static FrameTooLongException tooLong(String framing, long limit, long seen, ByteBuf buf, int index,
                                         int available) {
        return new FrameTooLongException(framing, limit, seen,
                Excerpts.of(buf, index, available, Excerpts.DEFAULT_LIMIT));
    }

    /** An outbound frame is longer than the framing allows; a program error, not the peer's. */
    static IllegalArgumentException outboundTooLong(String framing, long limit, long length) {
        return new IllegalArgumentException("outbound " + framing + " frame of " + length
                + " bytes exceeds the maximum frame size of " + limit + " bytes");
    }
}

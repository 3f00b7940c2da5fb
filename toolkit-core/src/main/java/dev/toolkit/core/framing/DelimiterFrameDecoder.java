package dev.toolkit.core.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Splits the stream at a delimiter (or at the nearest of several, as for LF or CRLF line ends), strips it, and
 * reports frames longer than the limit as {@link dev.toolkit.core.error.FrameTooLongException}.
 *
 * <p>Netty's decoder does the splitting and, after a breach, discards the rest of the long frame up to the
 * next delimiter, so decoding resumes with the frame after it. It is given a limit of
 * {@code max + longest delimiter - 1}: with its own limit it would already fail on a frame of exactly
 * {@code max} bytes whose multi-byte delimiter has arrived only in part. Frames it passes that are still
 * longer than {@code max} are rejected here.
 */
class DelimiterFrameDecoder extends DelimiterBasedFrameDecoder {

    private final String description;
    private final int maxFrameLength;
    private final ByteBuf[] delimiters;

    DelimiterFrameDecoder(String description, int maxFrameLength, byte[]... delimiters) {
        super(nettyLimit(maxFrameLength, delimiters), true, true, wrap(delimiters));
        this.description = description;
        this.maxFrameLength = maxFrameLength;
        this.delimiters = wrap(delimiters);
    }

    private static int nettyLimit(int max, byte[][] delimiters) {
        int longest = 0;
        for (byte[] d : delimiters) {
            longest = Math.max(longest, d.length);
        }
        return (int) Math.min((long) max + longest - 1, Integer.MAX_VALUE);
    }

    private static ByteBuf[] wrap(byte[][] delimiters) {
        ByteBuf[] bufs = new ByteBuf[delimiters.length];
        for (int i = 0; i < delimiters.length; i++) {
            bufs[i] = Unpooled.wrappedBuffer(delimiters[i].clone());
        }
        return bufs;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        int start = buffer.readerIndex();
        int available = buffer.readableBytes();
        Object decoded;
        try {
            decoded = super.decode(ctx, buffer);
        } catch (TooLongFrameException e) {
            // Netty skipped the bytes but they are still in the buffer: either a whole frame that is too
            // long, or (no delimiter yet) everything received of it so far.
            int frameLength = firstDelimiter(buffer, start, available);
            int seen = frameLength >= 0 ? frameLength : available;
            throw FrameErrors.tooLong(description, maxFrameLength, seen, buffer, start, seen);
        }
        if (decoded != null) {
            ByteBuf frame = (ByteBuf) decoded;
            if (frame.readableBytes() > maxFrameLength) {
                try {
                    throw FrameErrors.tooLong(description, maxFrameLength, frame.readableBytes(), frame,
                            frame.readerIndex(), frame.readableBytes());
                } finally {
                    frame.release();
                }
            }
        }
        return decoded;
    }

    /** The offset from {@code start} of the nearest delimiter, or -1. */
    private int firstDelimiter(ByteBuf buffer, int start, int length) {
        ByteBuf haystack = buffer.slice(start, length);
        int nearest = -1;
        for (ByteBuf delimiter : delimiters) {
            int i = ByteBufUtil.indexOf(delimiter, haystack);
            if (i >= 0 && (nearest < 0 || i < nearest)) {
                nearest = i;
            }
        }
        return nearest;
    }

    /** The framing's description, for subclasses' messages. */
    final String description() {
        return description;
    }

    /** The frame limit, for subclasses. */
    final int maxFrameLength() {
        return maxFrameLength;
    }
}

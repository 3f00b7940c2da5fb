package dev.toolkit.core.framing;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.nio.ByteOrder;

/**
 * Reads frames announced by an unsigned 1-, 2-, 4- or 8-byte length prefix and strips the prefix. A
 * zero-length frame is delivered as an empty buffer.
 *
 * <p>Netty's decoder fails fast when the announced length exceeds the limit and then discards that many
 * bytes, so a genuine (but too long) frame is skipped and decoding resumes after it. This class records each
 * length field as Netty reads it, so that the error names the announced length. An 8-byte field with its top
 * bit set is reported as malformed; the decoder then discards all further input, since a peer that sends it
 * is not speaking this framing.
 */
final class LengthPrefixFrameDecoder extends LengthFieldBasedFrameDecoder {

    private final String description;
    private final int prefixBytes;
    private final int maxFrameLength;
    private long announced;
    private int fieldIndex;

    LengthPrefixFrameDecoder(String description, int prefixBytes, int maxFrameLength, ByteOrder order) {
        // Netty's limit counts the prefix too; the factory keeps max + prefixBytes within an int.
        super(order, maxFrameLength + prefixBytes, 0, prefixBytes, 0, prefixBytes, true);
        this.description = description;
        this.prefixBytes = prefixBytes;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long value = super.getUnadjustedFrameLength(buf, offset, length, order);
        announced = value;
        fieldIndex = offset;
        // Keep Netty's arithmetic (value + prefix) from overflowing; both cases fail below as too long.
        return value < 0 ? Long.MAX_VALUE - prefixBytes : Math.min(value, Long.MAX_VALUE - prefixBytes);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        try {
            return super.decode(ctx, in);
        } catch (TooLongFrameException e) {
            // The field and what followed it are skipped but still in the buffer.
            int available = in.writerIndex() - fieldIndex;
            String excerpt = Excerpts.of(in, fieldIndex, available, Excerpts.DEFAULT_LIMIT);
            if (announced < 0) {
                throw new ProtocolViolationException(description + " length field 0x" + Long.toHexString(announced)
                        + " (" + Long.toUnsignedString(announced) + ") is negative as a signed 64-bit length",
                        excerpt, null);
            }
            throw new FrameTooLongException(description, maxFrameLength, announced,
                    excerpt);
        }
    }
}

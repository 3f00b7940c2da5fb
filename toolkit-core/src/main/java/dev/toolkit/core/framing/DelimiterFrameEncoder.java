package dev.toolkit.core.framing;

import dev.toolkit.core.error.Excerpts;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Appends a delimiter (or line ending) to each outbound frame. Rejects frames longer than the limit and
 * frames that the decoder would not read back as sent: ones containing the delimiter (or, for lines, a line
 * feed, or a trailing carriage return the decoder would take for part of the line end).
 */
final class DelimiterFrameEncoder extends MessageToMessageEncoder<ByteBuf> {

    private final String description;
    private final int maxFrameLength;
    private final byte[] delimiter;
    private final boolean lines;

    DelimiterFrameEncoder(String description, int maxFrameLength, byte[] delimiter, boolean lines) {
        super(ByteBuf.class);
        this.description = description;
        this.maxFrameLength = maxFrameLength;
        this.delimiter = delimiter.clone();
        this.lines = lines;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        int length = frame.readableBytes();
        if (length > maxFrameLength) {
            throw FrameErrors.outboundTooLong(description, maxFrameLength, length);
        }
        String problem = lines ? lineProblem(frame) : delimiterProblem(frame);
        if (problem != null) {
            throw new IllegalArgumentException("outbound " + description + " frame " + problem);
        }
        ByteBuf end = ctx.alloc().buffer(delimiter.length).writeBytes(delimiter);
        out.add(ctx.alloc().compositeBuffer(2).addComponents(true, frame.retain(), end));
    }

    private static String lineProblem(ByteBuf frame) {
        int lf = frame.indexOf(frame.readerIndex(), frame.writerIndex(), (byte) '\n');
        if (lf >= 0) {
            return "contains a line feed at offset " + (lf - frame.readerIndex());
        }
        if (frame.isReadable() && frame.getByte(frame.writerIndex() - 1) == '\r') {
            return "ends with a carriage return, which the decoder would strip as part of the line end";
        }
        return null;
    }

    /**
     * Whether the first delimiter in {@code frame + delimiter} starts anywhere but at the end of the frame:
     * inside it, or straddling its end (delimiter "aba" after a frame ending in "ab").
     */
    private String delimiterProblem(ByteBuf frame) {
        int length = frame.readableBytes();
        int base = frame.readerIndex();
        outer:
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < delimiter.length; i++) {
                int at = p + i;
                byte b = at < length ? frame.getByte(base + at) : delimiter[at - length];
                if (b != delimiter[i]) {
                    continue outer;
                }
            }
            return "contains the delimiter " + Excerpts.of(delimiter) + " at offset " + p;
        }
        return null;
    }
}

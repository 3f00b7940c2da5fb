package dev.toolkit.core.framing;

import dev.toolkit.core.error.Excerpts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Appends a delimiter (or line ending) to each outbound frame. Rejects frames longer than the limit and
 * frames that the decoder would not read back as sent: ones containing the delimiter (or, for lines, a line
 * feed, or a trailing carriage return the decoder would take for part of the line end). Takes byte buffers
 * and text ({@link CharSequence}, encoded in UTF-8), so that a line protocol can write its lines as strings.
 */
final class DelimiterFrameEncoder extends MessageToMessageEncoder<Object> {

    private final String description;
    private final int maxFrameLength;
    private final byte[] delimiter;
    private final boolean lines;

    DelimiterFrameEncoder(String description, int maxFrameLength, byte[] delimiter, boolean lines) {
        super(Object.class);
        this.description = description;
        this.maxFrameLength = maxFrameLength;
        this.delimiter = delimiter.clone();
        this.lines = lines;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof ByteBuf || msg instanceof CharSequence;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        if (msg instanceof ByteBuf) {
            ByteBuf frame = (ByteBuf) msg;
            check(frame);
            out.add(terminated(ctx, frame.retain()));
            return;
        }
        ByteBuf text = ByteBufUtil.writeUtf8(ctx.alloc(), (CharSequence) msg);
        try {
            check(text);
        } catch (RuntimeException e) {
            text.release();
            throw e;
        }
        out.add(terminated(ctx, text));
    }

    /** {@code frame} (whose reference passes to the result) followed by the delimiter. */
    private ByteBuf terminated(ChannelHandlerContext ctx, ByteBuf frame) {
        ByteBuf end = ctx.alloc().buffer(delimiter.length).writeBytes(delimiter);
        return ctx.alloc().compositeBuffer(2).addComponents(true, frame, end);
    }

    private void check(ByteBuf frame) {
        int length = frame.readableBytes();
        if (length > maxFrameLength) {
            throw FrameErrors.outboundTooLong(description, maxFrameLength, length);
        }
        String problem = lines ? lineProblem(frame) : delimiterProblem(frame);
        if (problem != null) {
            throw new IllegalArgumentException("outbound " + description + " frame " + problem);
        }
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

package dev.toolkit.core.framing;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.io.OutputStream;
import java.util.List;

/**
 * Serializes each outbound object (a {@link com.fasterxml.jackson.databind.JsonNode}, a map, a record, any
 * value Jackson can write) as one JSON document, followed by a line feed for JSON lines. Byte buffers pass
 * through untouched. Rejects documents longer than the limit and, for concatenated documents, top-level
 * scalars, which the peer's decoder could not split.
 */
final class JsonEncoder extends MessageToMessageEncoder<Object> {

    private final String description;
    private final int maxFrameLength;
    private final ObjectWriter writer;
    private final boolean lines;

    JsonEncoder(String description, int maxFrameLength, ObjectWriter writer, boolean lines) {
        super(Object.class);
        this.description = description;
        this.maxFrameLength = maxFrameLength;
        this.writer = writer;
        this.lines = lines;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return !(msg instanceof ByteBuf || msg instanceof ByteBufHolder || msg instanceof FileRegion);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
        ByteBuf buf = ctx.alloc().buffer();
        boolean done = false;
        try {
            writer.writeValue((OutputStream) new ByteBufOutputStream(buf), msg);
            if (buf.readableBytes() > maxFrameLength) {
                throw FrameErrors.outboundTooLong(description, maxFrameLength, buf.readableBytes());
            }
            if (lines) {
                buf.writeByte('\n');
            } else if (!startsContainer(buf)) {
                throw new IllegalArgumentException("outbound " + description + " must be a JSON object or array, "
                        + "not a top-level scalar (" + msg.getClass().getName() + "); use JSON lines for scalars");
            }
            out.add(buf);
            done = true;
        } finally {
            if (!done) {
                buf.release();
            }
        }
    }

    private static boolean startsContainer(ByteBuf buf) {
        for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
            byte b = buf.getByte(i);
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }
}

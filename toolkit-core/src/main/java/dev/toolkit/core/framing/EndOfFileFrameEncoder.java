package dev.toolkit.core.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Writes the bytes of an end-of-file frame as they are; the writer ends the frame by shutting down its
 * output ({@code ((DuplexChannel) channel).shutdownOutput()}) or closing the channel. Rejects a write that
 * would make the frame, counted since the connection started, longer than the limit.
 */
final class EndOfFileFrameEncoder extends MessageToMessageEncoder<ByteBuf> {

    private final String description;
    private final int maxFrameLength;
    private long written;

    EndOfFileFrameEncoder(String description, int maxFrameLength) {
        super(ByteBuf.class);
        this.description = description;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        long total = written + msg.readableBytes();
        if (total > maxFrameLength) {
            throw FrameErrors.outboundTooLong(description, maxFrameLength, total);
        }
        written = total;
        out.add(msg.retain());
    }
}

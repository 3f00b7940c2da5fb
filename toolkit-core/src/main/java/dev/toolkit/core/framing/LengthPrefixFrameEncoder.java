package dev.toolkit.core.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.LengthFieldPrepender;

import java.nio.ByteOrder;
import java.util.List;

/**
 * Prepends the frame's length to each outbound frame (just the prefix for an empty frame), after checking it
 * against the limit, which the factory keeps within what the prefix can express. Takes byte buffers and text
 * ({@link CharSequence}, encoded in UTF-8, the length counting its bytes), as the delimiter encoders do.
 */
final class LengthPrefixFrameEncoder extends LengthFieldPrepender {

    private final String description;
    private final int maxFrameLength;

    LengthPrefixFrameEncoder(String description, int prefixBytes, int maxFrameLength, ByteOrder order) {
        super(order, prefixBytes, 0, false);
        this.description = description;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        // Netty's prepender takes byte buffers only: text becomes the UTF-8 buffer it frames (and releases).
        super.write(ctx, msg instanceof CharSequence ? ByteBufUtil.writeUtf8(ctx.alloc(), (CharSequence) msg) : msg,
                promise);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) throws Exception {
        if (msg.readableBytes() > maxFrameLength) {
            throw FrameErrors.outboundTooLong(description, maxFrameLength, msg.readableBytes());
        }
        super.encode(ctx, msg, out);
    }
}

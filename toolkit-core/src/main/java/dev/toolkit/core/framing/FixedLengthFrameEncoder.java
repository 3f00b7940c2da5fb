package dev.toolkit.core.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/** Passes fixed-length frames on unchanged, rejecting any of another length (it would shift every later frame). */
final class FixedLengthFrameEncoder extends MessageToMessageEncoder<ByteBuf> {

    private final String description;
    private final int frameLength;

    FixedLengthFrameEncoder(String description, int frameLength) {
        super(ByteBuf.class);
        this.description = description;
        this.frameLength = frameLength;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (frame.readableBytes() != frameLength) {
            throw new IllegalArgumentException("outbound " + description + " frame has " + frame.readableBytes()
                    + " bytes, not " + frameLength);
        }
        out.add(frame.retain());
    }
}

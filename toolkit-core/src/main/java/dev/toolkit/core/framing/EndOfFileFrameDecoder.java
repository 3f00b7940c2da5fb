package dev.toolkit.core.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Collects everything received until the input ends and delivers it as one frame, possibly empty.
 *
 * <p>The input ends when the peer shuts down its output: Netty reports that as a
 * {@link io.netty.channel.socket.ChannelInputShutdownEvent} if the channel allows half-closure
 * ({@link io.netty.channel.ChannelOption#ALLOW_HALF_CLOSURE}), so that this side can still answer; otherwise
 * the channel simply closes. Either way the frame is delivered once, before the event is passed on. The
 * limit is checked as bytes arrive; after a breach the rest of the input is discarded and no frame is
 * delivered. Netty's decoder base class holds the bytes and releases them when the handler is removed.
 */
final class EndOfFileFrameDecoder extends ByteToMessageDecoder {

    private final String description;
    private final int maxFrameLength;
    /** Whether the frame was delivered or rejected: nothing more is decoded. */
    private boolean done;

    EndOfFileFrameDecoder(String description, int maxFrameLength) {
        this.description = description;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int seen = in.readableBytes();
        if (seen > maxFrameLength) {
            done = true;
            int start = in.readerIndex();
            in.skipBytes(seen);
            throw FrameErrors.tooLong(description, maxFrameLength, seen, in, start, seen);
        }
        // Otherwise keep accumulating until the input ends.
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            in.skipBytes(in.readableBytes());
            return;
        }
        done = true;
        out.add(in.isReadable() ? in.readRetainedSlice(in.readableBytes()) : Unpooled.EMPTY_BUFFER);
    }
}

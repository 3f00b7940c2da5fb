package dev.toolkit.tcp.zen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.Arrays;

/**
 * Watches the received bytes (before the framing) and remembers those after the last {@code ?}: the question
 * in progress, so that a client closing mid-question can be reported with what it sent. Keeps at most
 * {@code limit} bytes, which the framing's own limit already bounds. One instance per connection.
 */
final class UnfinishedQuestion extends ChannelInboundHandlerAdapter {

    static final String NAME = "zen-unfinished-question";

    private static final byte[] NONE = new byte[0];

    private final int limit;
    // Allocated with the first unfinished bytes: most reads end with a '?', leaving nothing to keep.
    private byte[] bytes = NONE;
    private int length;

    UnfinishedQuestion(int limit) {
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            ByteBuf buf = (ByteBuf) msg;
            int end = buf.writerIndex();
            int lastMark = buf.forEachByteDesc(buf.readerIndex(), buf.readableBytes(), b -> b != '?');
            int from = buf.readerIndex();
            if (lastMark >= 0) {
                length = 0;
                from = lastMark + 1;
            }
            append(buf, from, end - from);
        }
        ctx.fireChannelRead(msg);
    }

    private void append(ByteBuf buf, int from, int count) {
        int n = Math.min(count, limit - length);
        if (n <= 0) {
            return;
        }
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(Math.max(length + n, 64), bytes.length * 2)));
        }
        buf.getBytes(from, bytes, length, n);
        length += n;
    }

    /** The bytes received since the last {@code ?} (at most the limit). */
    byte[] received() {
        return Arrays.copyOf(bytes, length);
    }
}

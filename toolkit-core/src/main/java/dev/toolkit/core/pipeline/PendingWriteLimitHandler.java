package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.ToolkitException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * The hard bound on bytes queued for one connection: a write that would take the queued-but-unsent bytes past
 * the limit is refused with a {@link ToolkitException} naming the numbers, and the connection is closed. Water
 * marks only ask the protocol to slow down; this bound holds even for a protocol that ignores them, so a peer
 * that never reads cannot make the server hold unbounded memory. The bytes counted are those of Netty's
 * outbound buffer (message sizes plus a small overhead per message). One instance per connection: after the
 * first refusal, later writes (some transports close asynchronously) fail the same way without another report.
 * Servers install it on every connection; clients may install it too.
 */
final class PendingWriteLimitHandler extends ChannelOutboundHandlerAdapter {

    static final String NAME = ConnectionPipeline.PENDING_WRITES;

    private final long maxPendingBytes;
    private ToolkitException overflow;

    /** @param maxPendingBytes the most bytes that may wait in the outbound buffer */
    PendingWriteLimitHandler(long maxPendingBytes) {
        if (maxPendingBytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes must be positive: " + maxPendingBytes);
        }
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (overflow != null) {
            refuse(msg, promise, overflow);
            return;
        }
        ChannelOutboundBuffer queue = ctx.channel().unsafe().outboundBuffer();
        // The same estimate the queue itself counts with.
        long size = ctx.channel().config().getMessageSizeEstimator().newHandle().size(msg);
        if (queue == null || size <= 0 || queue.totalPendingWriteBytes() + size <= maxPendingBytes) {
            ctx.write(msg, promise);
            return;
        }
        overflow = new ToolkitException(ErrorKind.IO, "refused to queue " + size
                + " more bytes for " + ClientAddress.of(ctx.channel()) + ": " + queue.totalPendingWriteBytes()
                + " bytes are already waiting to be sent and the limit is " + maxPendingBytes
                + " (the peer is not reading)", null);
        refuse(msg, promise, overflow);
        ctx.fireExceptionCaught(overflow);
        ctx.close();
    }

    private static void refuse(Object msg, ChannelPromise promise, ToolkitException failure) {
        ReferenceCountUtil.release(msg);
        if (!promise.isVoid()) {
            promise.tryFailure(failure);
        }
    }
}

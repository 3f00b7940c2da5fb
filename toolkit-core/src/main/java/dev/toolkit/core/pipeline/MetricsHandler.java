package dev.toolkit.core.pipeline;

import dev.toolkit.core.observe.MetricsRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;

import java.util.Objects;

/**
 * Counts one connection into a {@link MetricsRecorder}: opened when it becomes active, closed when it becomes
 * inactive, bytes read as they arrive and bytes written once the transport has taken them. Installed near the
 * head of the stages behind the security stage, so that it counts the protocol's bytes (plaintext under TLS).
 * It sees only connections that became ready, so it needs no state of its own: one instance serves every
 * connection of a server or client.
 */
@ChannelHandler.Sharable
final class MetricsHandler extends ChannelDuplexHandler {

    static final String NAME = ConnectionPipeline.METRICS;

    private final MetricsRecorder metrics;

    /** Counts into {@code metrics}. */
    MetricsHandler(MetricsRecorder metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        metrics.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        metrics.connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        long n = size(msg);
        if (n > 0) {
            metrics.bytesIn(n);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        long n = size(msg);
        if (n <= 0) {
            ctx.write(msg, promise);
            return;
        }
        // Counted on success only: bytes the transport refused (closed connection) were never sent.
        ChannelPromise counting = promise.unvoid();
        counting.addListener(f -> {
            if (f.isSuccess()) {
                metrics.bytesOut(n);
            }
        });
        ctx.write(msg, counting);
    }

    /** The number of bytes {@code msg} carries, or -1 if it is not a byte message. */
    static long size(Object msg) {
        if (msg instanceof ByteBuf) {
            return ((ByteBuf) msg).readableBytes();
        }
        if (msg instanceof ByteBufHolder) {
            return ((ByteBufHolder) msg).content().readableBytes();
        }
        if (msg instanceof FileRegion) {
            return ((FileRegion) msg).count();
        }
        return -1;
    }
}

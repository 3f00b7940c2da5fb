package dev.toolkit.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;

/** Counts datagrams and payload bytes each way (sent ones once the system accepted them). */
@ChannelHandler.Sharable
final class DatagramMetricsHandler extends ChannelDuplexHandler {

    private final DatagramMetrics metrics;

    DatagramMetricsHandler(DatagramMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket) {
            metrics.received(((DatagramPacket) msg).content().readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        int bytes = size(msg);
        if (bytes < 0) {
            ctx.write(msg, promise);
            return;
        }
        if (promise.isVoid()) {
            metrics.sent(bytes);
            ctx.write(msg, promise);
            return;
        }
        ctx.write(msg, promise.addListener(f -> {
            if (f.isSuccess()) {
                metrics.sent(bytes);
            }
        }));
    }

    /** The payload size of an outgoing datagram, or -1 if {@code msg} is not one. */
    static int size(Object msg) {
        if (msg instanceof ByteBuf) {
            return ((ByteBuf) msg).readableBytes();
        }
        if (msg instanceof ByteBufHolder) {
            return ((ByteBufHolder) msg).content().readableBytes();
        }
        return -1;
    }
}

package dev.toolkit.udp;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.FrameTooLongException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Drops and reports datagrams that did not fit the receive size. The receive buffer is one byte larger than
 * the largest datagram accepted, so a datagram that fills it was cut short by the system (which truncates
 * silently); this handler turns that into a {@link FrameTooLongException} instead of a short message.
 */
final class TruncationGuard extends ChannelInboundHandlerAdapter {

    private final int maxDatagramSize;
    private final DatagramMetrics metrics;
    private final DatagramErrors errors;

    TruncationGuard(int maxDatagramSize, DatagramMetrics metrics, DatagramErrors errors) {
        this.maxDatagramSize = maxDatagramSize;
        this.metrics = metrics;
        this.errors = errors;
    }

    /** The receive buffer size that makes truncation visible: one byte more than the largest datagram. */
    static int bufferSize(int maxDatagramSize) {
        return maxDatagramSize + 1;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket) {
            DatagramPacket packet = (DatagramPacket) msg;
            ByteBuf content = packet.content();
            int size = content.readableBytes();
            if (size > maxDatagramSize) {
                String excerpt = Excerpts.of(content);
                packet.release();
                metrics.countTruncated();
                errors.report(packet.sender(), new FrameTooLongException("UDP datagram", maxDatagramSize, size,
                        excerpt));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}

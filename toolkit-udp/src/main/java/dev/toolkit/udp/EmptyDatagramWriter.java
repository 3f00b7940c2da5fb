package dev.toolkit.udp;

import io.netty.channel.AddressedEnvelope;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * Sends empty datagrams, which Netty's NIO and epoll transports skip while reporting success: a zero-byte
 * datagram is valid UDP (the book's servers answer "Your data was 0 bytes long"), so dropping it silently
 * would be a lie. The datagram goes straight to the socket (the JDK channel under NIO, the native socket
 * under epoll) on the event loop; io_uring sends empty datagrams itself and needs no help.
 */
final class EmptyDatagramWriter extends ChannelOutboundHandlerAdapter {

    /** The JDK channel under a NIO datagram channel, kept when the toolkit opens it. */
    static final AttributeKey<java.nio.channels.DatagramChannel> JDK_CHANNEL =
            AttributeKey.valueOf(EmptyDatagramWriter.class, "jdk-channel");

    private static final ByteBuffer EMPTY_DIRECT = ByteBuffer.allocateDirect(1);

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (DatagramMetricsHandler.size(msg) != 0) {
            ctx.write(msg, promise);
            return;
        }
        Channel channel = ctx.channel();
        java.nio.channels.DatagramChannel jdk = channel.attr(JDK_CHANNEL).get();
        if (!(channel instanceof EpollDatagramChannel) && jdk == null) {
            ctx.write(msg, promise);
            return;
        }
        SocketAddress to = msg instanceof AddressedEnvelope ? ((AddressedEnvelope<?, ?>) msg).recipient() : null;
        ReferenceCountUtil.release(msg);
        try {
            if (jdk != null) {
                if (to == null) {
                    jdk.write(ByteBuffer.allocate(0));
                } else {
                    jdk.send(ByteBuffer.allocate(0), to);
                }
            } else {
                Socket socket = (Socket) ((EpollDatagramChannel) channel).fd();
                if (to == null) {
                    socket.send(EMPTY_DIRECT, 0, 0);
                } else {
                    InetSocketAddress inet = (InetSocketAddress) to;
                    socket.sendTo(EMPTY_DIRECT, 0, 0, inet.getAddress(), inet.getPort());
                }
            }
            promise.setSuccess();
        } catch (IOException | RuntimeException e) {
            promise.setFailure(e);
        }
    }
}

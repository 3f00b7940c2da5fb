package dev.toolkit.udp;

import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.ToolkitException;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;

/**
 * Turns a failed send into a toolkit exception, so that every writer (the toolkit's API or a protocol's own
 * handlers) sees {@link DatagramTooLargeException} for EMSGSIZE, naming the size and the path MTU when the
 * transport can read it, rather than a bare "Message too long".
 */
@io.netty.channel.ChannelHandler.Sharable
final class SendFailureMapper extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        int size = DatagramMetricsHandler.size(msg);
        SocketAddress to = msg instanceof AddressedEnvelope
                ? ((AddressedEnvelope<?, ?>) msg).recipient() : ctx.channel().remoteAddress();
        ChannelPromise inner = ctx.newPromise();
        inner.addListener(f -> {
            if (f.isSuccess()) {
                promise.trySuccess();
                return;
            }
            ToolkitException mapped = map(f.cause(), size, to, ctx.channel());
            if (promise.isVoid()) {
                ctx.fireExceptionCaught(mapped);
            } else {
                promise.tryFailure(mapped);
            }
        });
        ctx.write(msg, inner);
    }

    /** Maps a send failure of a {@code size}-byte datagram to {@code to}. */
    static ToolkitException map(Throwable failure, int size, SocketAddress to, Channel channel) {
        if (isMessageTooLong(failure)) {
            InetSocketAddress destination = to instanceof InetSocketAddress ? (InetSocketAddress) to : null;
            boolean ipv6 = channel.localAddress() instanceof InetSocketAddress
                    && ((InetSocketAddress) channel.localAddress()).getAddress() instanceof Inet6Address;
            return new DatagramTooLargeException(size, destination, PathMtu.read(channel, ipv6), failure);
        }
        return Exceptions.map(failure, to);
    }

    /** Whether the system refused the datagram as too long (EMSGSIZE); only its errno text says so. */
    static boolean isMessageTooLong(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("message too long")) {
                return true;
            }
        }
        return false;
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ClientAddress;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A test protocol that answers every line with {@code PID ADDRESS}: the serving process and the client's
 * address as {@link ClientAddress#of} reports it ({@code host:port} for an IP address). It prints
 * {@code client ADDRESS} for every connection it accepts.
 */
public final class ClientAddressProtocol implements ProtocolDefinition {

    /** Created by name in each worker process. */
    public ClientAddressProtocol() {
    }

    @Override
    public void initialize(Channel channel) {
        channel.pipeline().addLast(new LineBasedFrameDecoder(256), new StringDecoder(StandardCharsets.US_ASCII),
                new StringEncoder(StandardCharsets.US_ASCII), new Handler());
    }

    /** {@code host:port} for an IP socket address, else the address's own text. */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress inet = (InetSocketAddress) address;
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private static final class Handler extends SimpleChannelInboundHandler<String> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            System.out.println("client " + format(ClientAddress.of(ctx.channel())));
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            ctx.writeAndFlush(ProcessHandle.current().pid() + " " + format(ClientAddress.of(ctx.channel())) + "\n");
        }
    }
}

package dev.toolkit.examples.ch07;

import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import dev.toolkit.tcp.zen.Aphorisms;
import dev.toolkit.tcp.zen.ZenProtocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The same Zen answers from a bare Netty server (a {@code ServerBootstrap}, a
 * {@link DelimiterBasedFrameDecoder} on {@code ?} and one handler), with none of the toolkit's limits,
 * counters, time-outs or shutdown bookkeeping: the benchmark's baseline, so that the toolkit's overhead shows.
 */
final class NettyBaselineServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel listener;

    private NettyBaselineServer(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    /** Listens on {@code host} at an ephemeral port, on the same transport the toolkit would choose. */
    static NettyBaselineServer start(String host) {
        Transport transport = Transports.resolve(Transport.AUTO);
        EventLoopGroup group = Transports.newGroup(transport, 0, "netty-baseline");
        ByteBuf mark = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(new byte[] {'?'}));
        Channel listener = new ServerBootstrap().group(group).channel(Transports.serverChannel(transport))
                .option(ChannelOption.SO_BACKLOG, 64)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new DelimiterBasedFrameDecoder(ZenProtocol.MAX_QUESTION, mark),
                                Answerer.INSTANCE);
                    }
                })
                .bind(new InetSocketAddress(host, 0)).syncUninterruptibly().channel();
        return new NettyBaselineServer(group, listener);
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers each question; closes the connection on any failure. Stateless, so shared. */
    @ChannelHandler.Sharable
    private static final class Answerer extends SimpleChannelInboundHandler<ByteBuf> {
        static final Answerer INSTANCE = new Answerer();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf question) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(Aphorisms.answer(ByteBufUtil.getBytes(question))));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

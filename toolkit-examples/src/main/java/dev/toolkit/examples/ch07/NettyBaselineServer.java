package dev.toolkit.examples.ch07;

import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.zen.Aphorisms;
import dev.toolkit.tcp.zen.ZenListener;
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

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The same Zen answers from a bare Netty server (a {@code ServerBootstrap}, a
 * {@link DelimiterBasedFrameDecoder} on {@code ?} and one handler), with none of the toolkit's limits,
 * counters, time-outs or shutdown bookkeeping: the benchmarks' baseline, so that the toolkit's overhead shows.
 *
 * <p>As a program ({@code java ... NettyBaselineServer host [port]}) it prints {@code Listening at ADDR} and,
 * for each connection, the same two lines as the chapter's listings ({@code Accepted connection from ADDR},
 * {@code Client socket to ADDR has closed}), written the same way: the process that toolkit-bench's harness
 * measures against {@code srv_asyncio1}.
 */
public final class NettyBaselineServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel listener;

    private NettyBaselineServer(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    /**
     * Serves until killed; arguments {@code host [port]} (port 0, the default, for an ephemeral one).
     *
     * @param args the host to listen on and optionally the port
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: NettyBaselineServer host [port]");
            System.exit(2);
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        NettyBaselineServer server = start(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 0,
                ZenLines.ASYNCIO_CALLBACKS.printer(out));
        out.println("Listening at " + PythonFormat.sockname(server.localAddress()));
        server.listener.closeFuture().sync();
    }

    /** Listens on {@code host} at an ephemeral port, on the same transport the toolkit would choose. */
    static NettyBaselineServer start(String host) {
        return start(host, 0, QUIET);
    }

    /** Listens on {@code host} at {@code port}, telling {@code connections} of each connection's start and end. */
    static NettyBaselineServer start(String host, int port, ZenListener connections) {
        Answerer answerer = new Answerer(connections);
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
                                answerer);
                    }
                })
                .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
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

    private static final ZenListener QUIET = new ZenListener() {
    };

    /**
     * Answers each question; tells the listener of the connection's start and its end (failures close the
     * connection without a line). Stateless, so shared.
     */
    @ChannelHandler.Sharable
    private static final class Answerer extends SimpleChannelInboundHandler<ByteBuf> {
        private final ZenListener listener;

        Answerer(ZenListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            listener.accepted((InetSocketAddress) ctx.channel().remoteAddress());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.closed((InetSocketAddress) ctx.channel().remoteAddress());
            ctx.fireChannelInactive();
        }

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

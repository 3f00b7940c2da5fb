package dev.toolkit.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Loopback plumbing for the TLS tests: an echo server behind a {@link TlsServerConfig}, and clients. */
final class Loopback implements AutoCloseable {

    static final int WAIT = 20;

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final BlockingQueue<TlsSession> serverSessions = new LinkedBlockingQueue<>();
    private Channel server;

    /** Starts an echo server on 127.0.0.1, port 0, with {@code tls} in front. */
    int serve(TlsServerConfig tls) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        serverSessions.add(tls.install(ch));
                        ch.pipeline().addLast(new Echo());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** A client connection: what it receives is queued as text. */
    final class Client implements AutoCloseable {
        final Channel channel;
        final TlsSession session;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        Client(TlsClientConfig tls, String host, int port) throws InterruptedException {
            TlsSession[] holder = new TlsSession[1];
            channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            holder[0] = tls.install(ch, host, port);
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ByteBuf b = (ByteBuf) msg;
                                    received.add(b.toString(StandardCharsets.UTF_8));
                                    b.release();
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    ctx.close();
                                }
                            });
                        }
                    }).connect("127.0.0.1", port).sync().channel();
            session = holder[0];
        }

        /** Sends {@code text} and waits for the echo. */
        String echo(String text) throws InterruptedException {
            channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            StringBuilder got = new StringBuilder();
            while (got.length() < text.length()) {
                String part = received.poll(WAIT, TimeUnit.SECONDS);
                if (part == null) {
                    break;
                }
                got.append(part);
            }
            return got.toString();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }

    Client connect(TlsClientConfig tls, String host, int port) throws InterruptedException {
        return new Client(tls, host, port);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Echoes what arrives, once TLS is up; closes on any failure. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                ctx.writeAndFlush(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

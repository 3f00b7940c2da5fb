package dev.toolkit.bench.http;

import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP benchmark's baseline: the hello-world server a plain Netty user writes, untuned either way. One
 * event loop group with Netty's default thread count on the transport the toolkit would choose (epoll on
 * Linux), an {@link HttpServerCodec} with Netty's default decoder settings, and one handler that answers each
 * request, as soon as its head is read, with a new {@link FullHttpResponse} of the fixed body
 * {@value #BODY} ({@code text/plain; charset=utf-8}, {@code Content-Length}, a {@code Date} formatted for each
 * response by Netty's {@link DateFormatter}), written with {@code writeAndFlush}, one flush per response. Keep-alive
 * is honoured as {@link HttpUtil#isKeepAlive} says ({@code Connection: keep-alive} answered to an HTTP/1.0
 * keep-alive request); otherwise the response says {@code Connection: close} and the connection is closed once it
 * is written. No limits, time-outs, logging or shutdown bookkeeping.
 *
 * <p>As a program ({@code java ... NettyHttpBaselineServer host [port]}) it prints {@code Listening at HOST:PORT}
 * and serves until killed.
 */
public final class NettyHttpBaselineServer implements AutoCloseable {

    /** The body of every response. */
    public static final String BODY = "Hello, World!";

    private static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);
    private static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private final EventLoopGroup group;
    private final Channel listener;

    private NettyHttpBaselineServer(EventLoopGroup group, Channel listener) {
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
            System.err.println("usage: NettyHttpBaselineServer host [port]");
            System.exit(2);
        }
        NettyHttpBaselineServer server = start(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 0);
        System.out.println(Listening.line(server.localAddress()));
        server.listener.closeFuture().sync();
    }

    /** Listens on {@code host} at {@code port} (0 for an ephemeral one). */
    public static NettyHttpBaselineServer start(String host, int port) {
        Transport transport = Transports.resolve(Transport.AUTO);
        EventLoopGroup group = Transports.newGroup(transport, 0, "netty-http-baseline");
        HelloWorld handler = new HelloWorld();
        Channel listener = new ServerBootstrap().group(group).channel(Transports.serverChannel(transport))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), handler);
                    }
                })
                .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
        return new NettyHttpBaselineServer(group, listener);
    }

    /** Where it listens. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers every request head with the fixed response; drops body contents (released by the superclass). */
    @ChannelHandler.Sharable
    private static final class HelloWorld extends SimpleChannelInboundHandler<HttpObject> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (!(message instanceof HttpRequest request)) {
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(BODY_BYTES));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY_BYTES.length)
                    .set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
            if (!keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (!request.protocolVersion().isKeepAliveDefault()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ChannelFuture written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

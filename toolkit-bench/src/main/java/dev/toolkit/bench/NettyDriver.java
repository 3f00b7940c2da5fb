package dev.toolkit.bench;

import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The baseline: a plain Netty echo server and a plain Netty client that prefix each request with a 4-byte ID,
 * match the echoed ID, and give up after 100 ms, on the same transport and event loop layout as the toolkit
 * (one thread for the server, one for the client), with Netty's defaults otherwise.
 */
final class NettyDriver implements Driver {

    static final String SERVER_THREADS = "bench-netty-server";

    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final Channel server;
    private final Channel client;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private int nextId;

    NettyDriver() {
        Transport transport = Transports.resolve(Transport.AUTO);
        serverGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(SERVER_THREADS, true),
                Transports.ioHandlerFactory(transport));
        clientGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-netty-client", true),
                Transports.ioHandlerFactory(transport));
        server = new Bootstrap().group(serverGroup).channel(Transports.datagramChannel(transport))
                .handler(new Echo()).bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        client = new Bootstrap().group(clientGroup).channel(Transports.datagramChannel(transport))
                .handler(new Replies()).connect(server.localAddress()).syncUninterruptibly().channel();
    }

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public CompletableFuture<byte[]> request(byte[] payload) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        if (client.eventLoop().inEventLoop()) {
            send(payload, result);
        } else {
            client.eventLoop().execute(() -> send(payload, result));
        }
        return result;
    }

    private void send(byte[] payload, CompletableFuture<byte[]> result) {
        int id = nextId++;
        ByteBuf datagram = client.alloc().buffer(4 + payload.length).writeInt(id).writeBytes(payload);
        Pending p = new Pending(result);
        pending.put(id, p);
        p.timer = client.eventLoop().schedule(() -> {
            pending.remove(id);
            result.completeExceptionally(new TimeoutException("no reply to " + id));
        }, 100, TimeUnit.MILLISECONDS);
        client.writeAndFlush(new DatagramPacket(datagram, (InetSocketAddress) server.localAddress()));
    }

    @Override
    public String serverThreadPrefix() {
        return SERVER_THREADS + "-";
    }

    @Override
    public void close() {
        client.close().syncUninterruptibly();
        server.close().syncUninterruptibly();
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Pending {
        final CompletableFuture<byte[]> result;
        ScheduledFuture<?> timer;

        Pending(CompletableFuture<byte[]> result) {
            this.result = result;
        }
    }

    /** Sends every datagram back to its sender; flushes once per read burst. */
    private static final class Echo extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ctx.write(new DatagramPacket(packet.content().retain(), packet.sender()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Completes the request whose ID the reply carries; drops anything else. */
    private final class Replies extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (content.readableBytes() < 4) {
                return;
            }
            Pending p = pending.remove(content.readInt());
            if (p != null) {
                p.timer.cancel(false);
                p.result.complete(ByteBufUtil.getBytes(content));
            }
        }
    }
}

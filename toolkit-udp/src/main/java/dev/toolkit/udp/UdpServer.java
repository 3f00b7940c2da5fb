package dev.toolkit.udp;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.names.BindAddress;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running datagram server: one socket bound to an interface (or the wildcard address) with its own event
 * loop, serving each datagram with a {@link DatagramHandler} or with Netty handlers of its own.
 *
 * <pre>{@code
 * try (UdpServer server = UdpServer.bind(UdpServerConfig.builder().port(1060).build(), (datagram, out) ->
 *         out.replyAsync(datagram, ("Your data was " + datagram.length() + " bytes long").getBytes(US_ASCII)))) {
 *     System.out.println("Listening at " + server.localAddress());
 *     server.awaitClosed();
 * }
 * }</pre>
 *
 * <p>Whatever the handler, the toolkit checks every datagram first: one larger than
 * {@link UdpConfig#maxDatagramSize()} is reported instead of delivered cut short, the per-source
 * {@link RateLimit} (if set) drops floods, and a failing handler is reported and counted while the server
 * goes on serving.
 */
public final class UdpServer implements DatagramSender, RunningServer<DatagramMetrics> {

    private final UdpServerConfig config;
    private final Endpoint endpoint;

    private UdpServer(UdpServerConfig config, ProtocolDefinition protocol) {
        this.config = config;
        this.endpoint = Endpoint.open(config.name(), config.socket(), BindAddress.of(config.host(), config.port()),
                null, config.sourceRateLimit(), config.errorListener(), protocol::initialize);
    }

    /**
     * Binds a server that hands each datagram to {@code handler}.
     *
     * @return the running server, with its bound address
     * @throws dev.toolkit.core.error.ToolkitException if the address cannot be bound
     */
    public static UdpServer bind(UdpServerConfig config, DatagramHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return bind(config, channel -> channel.pipeline().addLast("toolkit-datagram-handler",
                new HandlerAdapter(handler, channel)));
    }

    /**
     * Binds a server whose pipeline {@code protocol} completes: its handlers receive Netty
     * {@link DatagramPacket}s (each to be released by whoever consumes it) and may write them.
     *
     * @return the running server, with its bound address
     * @throws dev.toolkit.core.error.ToolkitException if the address cannot be bound
     */
    public static UdpServer bind(UdpServerConfig config, ProtocolDefinition protocol) {
        return new UdpServer(Objects.requireNonNull(config, "config"), Objects.requireNonNull(protocol, "protocol"));
    }

    /** The address the server is bound to (with the real port when port 0 was asked for). */
    @Override
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /** The transport serving the socket (never {@link Transport#AUTO}). */
    public Transport transport() {
        return endpoint.transport();
    }

    /** The server's settings. */
    public UdpServerConfig config() {
        return config;
    }

    /** The server's counters. */
    @Override
    public DatagramMetrics metrics() {
        return endpoint.metrics();
    }

    @Override
    public CompletableFuture<Void> sendAsync(byte[] data, InetSocketAddress recipient) {
        return endpoint.send(new DatagramPacket(Unpooled.wrappedBuffer(data), recipient));
    }

    /**
     * Joins multicast {@code group} on the interface called {@code interfaceName} (such as {@code lo} or
     * {@code eth0}); datagrams sent to the group and this server's port then arrive here.
     *
     * @return completes once joined; fails with a {@link dev.toolkit.core.error.ToolkitException} if the
     *     system refuses (no such interface, no multicast on it)
     */
    public CompletableFuture<Void> joinGroupAsync(InetAddress group, String interfaceName) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        endpoint.channel().joinGroup(new InetSocketAddress(group, localAddress().getPort()),
                Endpoint.networkInterface(interfaceName)).addListener(f -> endpoint.complete(result, f));
        return result;
    }

    /**
     * Joins multicast {@code group} as {@link #joinGroupAsync} does, and waits until joined.
     *
     * @throws dev.toolkit.core.error.ToolkitException if the system refuses
     */
    public void joinGroup(InetAddress group, String interfaceName) {
        Blocking.call("join " + group + " on " + interfaceName, null,
                () -> joinGroupAsync(group, interfaceName));
    }

    /** Leaves multicast {@code group} on the interface called {@code interfaceName}, and waits until done. */
    public void leaveGroup(InetAddress group, String interfaceName) {
        Blocking.call("leave " + group + " on " + interfaceName, null,
                () -> leaveGroupAsync(group, interfaceName));
    }

    /** Leaves multicast {@code group} on the interface called {@code interfaceName}. */
    public CompletableFuture<Void> leaveGroupAsync(InetAddress group, String interfaceName) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        endpoint.channel().leaveGroup(new InetSocketAddress(group, localAddress().getPort()),
                Endpoint.networkInterface(interfaceName)).addListener(f -> endpoint.complete(result, f));
        return result;
    }

    /** The socket's channel, for tests that read its options. */
    Channel channel() {
        return endpoint.channel();
    }

    /**
     * Stops reading datagrams at once, lets the handler calls in progress return, waits for the answers a
     * {@link DatagramHandler} still owes (a datagram is owed one until the first send through the sender its
     * call was given, which may come later from another thread) and for the datagrams sent to be written, for
     * up to {@code grace}, then closes the socket and stops the event loop. A datagram its handler never
     * answers keeps the close waiting until the grace ends. Blocks until done, except when called from a
     * handler, which must not block: the stop then proceeds on its own.
     */
    @Override
    public void closeGracefully(Duration grace) {
        endpoint.closeGracefully(Objects.requireNonNull(grace, "grace"));
    }

    /** Closes the socket and stops the event loop at once; blocks until done (unless called from a handler). */
    @Override
    public void close() {
        endpoint.close();
    }

    /**
     * Blocks until the server has been closed (for servers that run until killed, like the book's).
     *
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException on the server's event loop, which would wait for itself
     */
    @Override
    public void awaitClosed() {
        endpoint.awaitClosed("awaitClosed of server " + config.name());
    }

    @Override
    public String toString() {
        return "UdpServer{" + config.name() + " at " + localAddress() + " on " + transport() + "}";
    }

    /**
     * Hands each datagram to a {@link DatagramHandler} as an immutable {@link Datagram}, with a sender of its
     * own: the datagram is owed an answer until the handler's first send through that sender (now or later,
     * from any thread), so that a graceful close waits for it.
     */
    private static final class HandlerAdapter extends SimpleChannelInboundHandler<DatagramPacket> {
        private final DatagramHandler handler;
        private final Channel channel;
        private final Endpoint endpoint;

        HandlerAdapter(DatagramHandler handler, Channel channel) {
            this.handler = handler;
            this.channel = channel;
            this.endpoint = Endpoint.of(channel);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            Datagram datagram = Datagram.owning(ByteBufUtil.getBytes(content), packet.sender(), packet.recipient());
            Answer answer = new Answer();
            endpoint.owe();
            try {
                handler.handle(datagram, answer);
            } catch (Exception e) {
                answer.settle();
                endpoint.errors().report(packet.sender(), e);
            }
        }

        /** The sender one datagram's handler call gets; its first send settles the datagram. */
        private final class Answer implements DatagramSender {
            private final AtomicBoolean settled = new AtomicBoolean();

            @Override
            public CompletableFuture<Void> sendAsync(byte[] data, InetSocketAddress recipient) {
                CompletableFuture<Void> sent = Endpoint.send(channel,
                        new DatagramPacket(Unpooled.wrappedBuffer(data), recipient));
                settle();
                return sent;
            }

            void settle() {
                if (settled.compareAndSet(false, true)) {
                    endpoint.settle();
                }
            }
        }
    }
}

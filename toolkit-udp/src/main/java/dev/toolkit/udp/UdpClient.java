package dev.toolkit.udp;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.names.BindAddress;
import dev.toolkit.core.transport.Transport;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running datagram client: one socket, connected or not, that sends datagrams and receives them one at a
 * time. For request/response exchanges with time-outs and retries, see {@link RequestClient}.
 *
 * <pre>{@code
 * try (UdpClient client = UdpClient.open(UdpClientConfig.builder().remote("127.0.0.1", 1060).build())) {
 *     client.send("Hello".getBytes(US_ASCII));
 *     Datagram reply = client.receive(Duration.ofSeconds(2));
 * }
 * }</pre>
 *
 * <p>Each call has a blocking form ({@code send}, {@code receive}: refused on an event loop thread, an
 * interruption reported as {@link dev.toolkit.core.error.InterruptedOperationException}) and an asynchronous
 * twin returning a future ({@code sendAsync}, {@code receiveAsync}).
 *
 * <p>Received datagrams wait in a bounded queue until {@link #receive(Duration)} takes them. On a connected
 * socket an ICMP "port unreachable" from the remote fails the next receive with
 * {@link dev.toolkit.core.error.ConnectFailedException} (reason {@code REFUSED}), as the system reports it.
 */
public final class UdpClient implements DatagramSender, AutoCloseable {

    private final UdpClientConfig config;
    private final InetSocketAddress remote;
    private final Endpoint endpoint;
    private final Receiver receiver;

    private UdpClient(UdpClientConfig config) {
        this.config = config;
        this.remote = config.remoteHost() == null ? null : Endpoint.resolve(config.remoteHost(), config.remotePort());
        boolean filter = !config.connected() && !config.acceptFromAnyAddress() && remote != null;
        this.receiver = new Receiver(filter ? remote : null, config.receiveQueueLimit());
        this.endpoint = Endpoint.open(config.name(), config.socket(), localAddress(config, remote),
                config.connected() ? remote : null, null, null,
                ch -> ch.pipeline().addLast("toolkit-receiver", receiver));
    }

    /**
     * Where a client binds: its configured local address; else, unconnected, the wildcard address of the
     * remote's family (as a Python socket's implicit bind on its first send); else {@code null}, so that
     * connecting lets the system pick the source address of the route.
     */
    static InetSocketAddress localAddress(UdpClientConfig config, InetSocketAddress remote) {
        String wildcard = remote == null ? "" : remote.getAddress() instanceof java.net.Inet6Address ? "::" : "0.0.0.0";
        if (config.localHost() != null || config.localPort() != 0) {
            return BindAddress.of(config.localHost() == null ? wildcard : config.localHost(), config.localPort());
        }
        return config.connected() ? null : BindAddress.of(wildcard, 0);
    }

    /**
     * Opens a client socket: binds it, and connects it if {@link UdpClientConfig#connected()}.
     *
     * @throws ToolkitException if it cannot be bound or connected
     */
    public static UdpClient open(UdpClientConfig config) {
        return new UdpClient(Objects.requireNonNull(config, "config"));
    }

    /**
     * A client with the defaults: unconnected, no remote address (send with {@link #send(byte[],
     * InetSocketAddress)}), bound to the wildcard address and an ephemeral port.
     *
     * @throws ToolkitException if the socket cannot be bound
     */
    public static UdpClient create() {
        return open(UdpClientConfig.builder().build());
    }

    /**
     * Sends {@code data} as one datagram to the remote address.
     *
     * @return completes when the system accepted the datagram
     * @throws IllegalStateException if no remote address is configured
     */
    public CompletableFuture<Void> sendAsync(byte[] data) {
        if (remote == null) {
            throw new IllegalStateException("no remote address configured; use send(data, recipient)");
        }
        return config.connected() ? endpoint.send(Unpooled.wrappedBuffer(data)) : sendAsync(data, remote);
    }

    /**
     * Sends {@code data} as one datagram to the remote address and waits until the system accepted it.
     *
     * @throws ToolkitException if it cannot be sent ({@link DatagramTooLargeException} among others)
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException on an event loop thread, or if no remote address is configured
     */
    public void send(byte[] data) {
        Blocking.call("send to " + remote, remote, () -> sendAsync(data));
    }

    /**
     * Sends {@code data} as one datagram to {@code recipient}; a connected client may only send to its
     * remote address.
     */
    @Override
    public CompletableFuture<Void> sendAsync(byte[] data, InetSocketAddress recipient) {
        Objects.requireNonNull(recipient, "recipient");
        if (config.connected() && !recipient.equals(remote)) {
            throw new IllegalStateException("a connected client sends only to " + remote + ", not " + recipient);
        }
        return endpoint.send(new DatagramPacket(Unpooled.wrappedBuffer(data), recipient));
    }

    /**
     * The next datagram, waiting up to {@code timeout}. Never blocks.
     *
     * @return the datagram; fails with {@link OperationTimeoutException} (phase {@code READ}) when none came
     *     in time, or with the error the socket reported (connection refused)
     */
    public CompletableFuture<Datagram> receiveAsync(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Datagram> result = new CompletableFuture<>();
        Channel channel = endpoint.channel();
        try {
            channel.eventLoop().execute(() -> receiver.take(channel, result, timeout));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(Exceptions.map(new java.nio.channels.ClosedChannelException(), remote));
        }
        return result;
    }

    /**
     * Waits for the next datagram up to {@code timeout}.
     *
     * @throws OperationTimeoutException (phase {@code READ}) when none came in time
     * @throws ToolkitException the error the socket reported (connection refused)
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted (the
     *     wait is abandoned)
     * @throws IllegalStateException on an event loop thread
     */
    public Datagram receive(Duration timeout) {
        return Blocking.call("receive from " + (remote == null ? "any address" : remote), remote,
                () -> receiveAsync(timeout));
    }

    /**
     * The path MTU the system knows for the connected socket's route (Linux IP_MTU), read through the epoll
     * or io_uring transport; empty on NIO, which cannot reach the option, and for an unconnected socket.
     */
    public OptionalInt pathMtu() {
        int mtu = endpoint.pathMtu();
        return mtu > 0 ? OptionalInt.of(mtu) : OptionalInt.empty();
    }

    /** The address the socket is bound to (the wildcard address when unconnected and bound to no interface). */
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /** The remote address, or {@code null} if none is configured. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** The transport serving the socket (never {@link Transport#AUTO}). */
    public Transport transport() {
        return endpoint.transport();
    }

    /** The client's settings. */
    public UdpClientConfig config() {
        return config;
    }

    /** The client's counters. */
    public DatagramMetrics metrics() {
        return endpoint.metrics();
    }

    /** The socket's channel, for tests that read its options. */
    Channel channel() {
        return endpoint.channel();
    }

    /** Closes the socket; pending receives fail. Blocks until done. */
    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "UdpClient{" + config.name() + " " + localAddress() + " -> " + remote
                + (config.connected() ? " connected" : "") + " on " + transport() + "}";
    }

    /**
     * Queues received datagrams for {@link #receive(Duration)} and hands them to waiting receivers; filters
     * senders on an unconnected socket; keeps the socket's last error for the next receive. Lives on the event
     * loop, so it needs no locking.
     */
    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetSocketAddress onlyFrom;
        private final int limit;
        private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
        private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        private ToolkitException pendingError;

        Receiver(InetSocketAddress onlyFrom, int limit) {
            this.onlyFrom = onlyFrom;
            this.limit = limit;
        }

        void take(Channel channel, CompletableFuture<Datagram> result, Duration timeout) {
            if (!queue.isEmpty()) {
                result.complete(queue.poll());
                return;
            }
            if (pendingError != null) {
                result.completeExceptionally(pendingError);
                pendingError = null;
                return;
            }
            if (!channel.isActive()) {
                result.completeExceptionally(Exceptions.map(new java.nio.channels.ClosedChannelException(),
                        channel.remoteAddress()));
                return;
            }
            Waiter waiter = new Waiter(result);
            waiter.timer = channel.eventLoop().schedule(() -> {
                waiters.remove(waiter);
                result.completeExceptionally(new OperationTimeoutException(OperationTimeoutException.Phase.READ,
                        timeout, "waiting for a datagram" + (channel.remoteAddress() == null ? ""
                        : " from " + channel.remoteAddress()), null));
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            waiters.add(waiter);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            Endpoint endpoint = Endpoint.of(ctx.channel());
            if (onlyFrom != null && !onlyFrom.equals(packet.sender())) {
                endpoint.metrics().countForeign();
                return;
            }
            Datagram datagram = Datagram.owning(ByteBufUtil.getBytes(packet.content()), packet.sender(),
                    packet.recipient());
            Waiter waiter = waiters.poll();
            if (waiter != null) {
                waiter.timer.cancel(false);
                waiter.result.complete(datagram);
            } else if (queue.size() < limit) {
                queue.add(datagram);
            } else {
                endpoint.metrics().countQueueOverflow();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ToolkitException mapped = Endpoint.of(ctx.channel()).errors().report(
                    (InetSocketAddress) ctx.channel().remoteAddress(), cause);
            if (waiters.isEmpty()) {
                pendingError = mapped;
                return;
            }
            for (Waiter waiter; (waiter = waiters.poll()) != null; ) {
                waiter.timer.cancel(false);
                waiter.result.completeExceptionally(mapped);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            ToolkitException closed = Exceptions.map(new java.nio.channels.ClosedChannelException(),
                    ctx.channel().remoteAddress());
            for (Waiter waiter; (waiter = waiters.poll()) != null; ) {
                waiter.timer.cancel(false);
                waiter.result.completeExceptionally(closed);
            }
            super.channelInactive(ctx);
        }
    }

    private static final class Waiter {
        final CompletableFuture<Datagram> result;
        ScheduledFuture<?> timer;

        Waiter(CompletableFuture<Datagram> result) {
            this.result = result;
        }
    }
}

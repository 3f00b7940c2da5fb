package dev.toolkit.udp;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.names.AddressFamily;
import dev.toolkit.core.names.AddressResolver;
import dev.toolkit.core.inet.InetLiterals;
import dev.toolkit.core.transport.OwnedResolverGroup;
import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One datagram socket with its own single-threaded event loop: what servers and clients share. Opens the
 * channel of the right transport and address family, sets the socket options of a {@link UdpConfig}, and
 * installs the toolkit's handlers around the protocol's: the empty-datagram sender (NIO, epoll), wire log,
 * counters, send-failure mapping, truncation check, the optional per-source rate limit, and a last handler
 * that reports what nobody handled.
 */
final class Endpoint {

    /** Lets protocol handlers find their endpoint's counters and error reporter. */
    static final AttributeKey<Endpoint> KEY = AttributeKey.valueOf(Endpoint.class, "toolkit-udp-endpoint");

    private static final Logger LOG = Logging.logger(Endpoint.class);
    private static final AtomicBoolean NIO_PMTU_WARNED = new AtomicBoolean();
    private static final ChannelHandler SEND_FAILURES = new SendFailureMapper();

    private final String name;
    private final UdpConfig config;
    private final Transport transport;
    private final DatagramMetrics metrics = new DatagramMetrics();
    private final DatagramErrors errors;
    private final boolean ipv6;
    private final EventLoopGroup group;
    private final OwnedResolverGroup resolvers = new OwnedResolverGroup();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger pendingSends = new AtomicInteger();
    /** Datagrams handed to a {@link DatagramHandler} that it has not answered yet (see {@link #owe()}). */
    private final AtomicLong unanswered = new AtomicLong();
    private volatile DatagramChannel channel;

    private Endpoint(String name, UdpConfig config, boolean ipv6,
                     BiConsumer<InetSocketAddress, ToolkitException> errorListener) {
        this.name = name;
        this.config = config;
        this.transport = Transports.resolve(config.transport());
        this.errors = new DatagramErrors(name, metrics, errorListener);
        this.ipv6 = ipv6;
        this.group = Transports.newGroup(transport, 1, name);
    }

    /**
     * Opens a socket.
     *
     * @param local the address to bind, or {@code null} (a connected socket then lets the system choose; an
     *     unconnected one binds the wildcard address of the remote's family, or of IPv4)
     * @param remote the address to connect to, or {@code null} to stay unconnected
     * @param rateLimit the per-source rate limit, or {@code null}
     * @param protocol adds the protocol's handlers to the new channel's pipeline
     * @throws ToolkitException if the socket cannot be bound or connected
     */
    static Endpoint open(String name, UdpConfig config, InetSocketAddress local, InetSocketAddress remote,
                         RateLimit rateLimit, BiConsumer<InetSocketAddress, ToolkitException> errorListener,
                         Consumer<Channel> protocol) {
        InetAddress familyOf = local != null ? local.getAddress() : remote != null ? remote.getAddress() : null;
        boolean ipv6 = familyOf instanceof Inet6Address;
        InetSocketAddress bindTo = local;
        if (bindTo == null && remote == null) {
            bindTo = new InetSocketAddress(wildcard(ipv6), 0);
        }
        Endpoint endpoint = new Endpoint(name, config, ipv6, errorListener);
        try {
            endpoint.start(bindTo, remote, rateLimit, protocol);
        } catch (Exception e) { // a bind failure is a checked exception thrown unchecked by Netty
            endpoint.resolvers.close();
            endpoint.group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw Exceptions.map(e, remote != null ? remote : bindTo);
        }
        return endpoint;
    }

    private void start(InetSocketAddress local, InetSocketAddress remote, RateLimit rateLimit,
                       Consumer<Channel> protocol) {
        Bootstrap bootstrap = new Bootstrap().resolver(resolvers)
                .group(group)
                .channelFactory(channelFactory(transport, ipv6, local))
                .option(ChannelOption.RECVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(TruncationGuard.bufferSize(config.maxDatagramSize())))
                .option(ChannelOption.SO_BROADCAST, config.broadcast())
                .option(ChannelOption.SO_REUSEADDR, config.reuseAddress())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        initialize(ch, rateLimit, protocol);
                    }
                });
        if (config.receiveBufferSize() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, config.receiveBufferSize());
        }
        if (config.sendBufferSize() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, config.sendBufferSize());
        }
        if (transport == Transport.NIO) {
            // the native transports get these from MulticastOptions when the channel is initialised
            if (!config.multicastLoopback()) {
                bootstrap.option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, true);
            }
            if (config.multicastTtl() != 1) {
                bootstrap.option(ChannelOption.IP_MULTICAST_TTL, config.multicastTtl());
            }
        }
        if (config.multicastInterface() != null) {
            bootstrap.option(ChannelOption.IP_MULTICAST_IF, networkInterface(config.multicastInterface()));
        }
        ChannelFuture future = remote != null ? bootstrap.connect(remote, local) : bootstrap.bind(local);
        future.syncUninterruptibly();
        channel = (DatagramChannel) future.channel();
        channel.closeFuture().addListener(f -> closed.countDown());
    }

    private void initialize(DatagramChannel ch, RateLimit rateLimit, Consumer<Channel> protocol) {
        ch.attr(KEY).set(this);
        if (transport != Transport.NIO) {
            MulticastOptions.apply(ch, ipv6, config.multicastTtl(), config.multicastLoopback());
        }
        if (config.pathMtuDiscovery()) {
            if (PathMtu.supported(ch)) {
                PathMtu.force(ch, ipv6);
            } else if (NIO_PMTU_WARNED.compareAndSet(false, true)) {
                LOG.warn("{}: path-MTU discovery needs the epoll or io_uring transport; on {} the system's "
                        + "default applies", name, transport);
            }
        }
        if (transport == Transport.NIO || transport == Transport.EPOLL) {
            ch.pipeline().addLast("toolkit-empty-datagrams", new EmptyDatagramWriter());
        }
        ChannelHandler wireLog = DatagramWireLog.forMode(config.wireLog());
        if (wireLog != null) {
            ch.pipeline().addLast("toolkit-wire", wireLog);
        }
        ch.pipeline().addLast("toolkit-metrics", new DatagramMetricsHandler(metrics));
        ch.pipeline().addLast("toolkit-send-failures", SEND_FAILURES);
        ch.pipeline().addLast("toolkit-truncation", new TruncationGuard(config.maxDatagramSize(), metrics, errors));
        if (rateLimit != null) {
            ch.pipeline().addLast("toolkit-rate-limit", new SourceRateLimiter(rateLimit, metrics));
        }
        protocol.accept(ch);
        ch.pipeline().addLast("toolkit-unhandled", new Unhandled(errors));
    }

    /** The endpoint a channel belongs to. */
    static Endpoint of(Channel channel) {
        Endpoint endpoint = channel.attr(KEY).get();
        if (endpoint == null) {
            throw new IllegalStateException("channel " + channel + " was not opened by toolkit-udp");
        }
        return endpoint;
    }

    private static ChannelFactory<DatagramChannel> channelFactory(Transport transport, boolean ipv6,
                                                                 InetSocketAddress local) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        switch (transport) {
            case EPOLL:
                return () -> new EpollDatagramChannel(family);
            case IO_URING:
                return () -> new IoUringDatagramChannel(family);
            default:
                // The JDK refuses to bind an IPv4-only channel to an address no interface holds (a broadcast
                // or multicast group address), which its dual-stack channel accepts.
                java.net.ProtocolFamily jdkFamily = ipv6 || !interfaceAddress(local) ? StandardProtocolFamily.INET6
                        : StandardProtocolFamily.INET;
                return () -> {
                    try {
                        java.nio.channels.DatagramChannel jdk = SelectorProvider.provider()
                                .openDatagramChannel(jdkFamily);
                        NioDatagramChannel channel = new NioDatagramChannel(jdk);
                        channel.attr(EmptyDatagramWriter.JDK_CHANNEL).set(jdk);
                        return channel;
                    } catch (IOException e) {
                        throw new ChannelException("cannot open a datagram channel", e);
                    }
                };
        }
    }

    /** Whether {@code local} is unset, the wildcard, or an address one of this host's interfaces holds. */
    private static boolean interfaceAddress(InetSocketAddress local) {
        if (local == null || local.getAddress().isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(local.getAddress()) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    /**
     * Resolves the remote {@code host}: an IP literal as is, a name through core's default resolver (the hosts
     * file, then DNS per {@code /etc/resolv.conf}, first address in RFC 6724 order). An address to bind is
     * worked out by core's rule instead ({@link dev.toolkit.core.names.BindAddress}).
     */
    static InetSocketAddress resolve(String host, int port) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("remote host must not be blank");
        }
        if (InetLiterals.isLiteral(host)) {
            // an IP literal keeps no host name, so that messages show "/10.0.0.1:1060"
            return new InetSocketAddress(InetLiterals.parseWithScope(host), port);
        }
        List<InetAddress> found = AddressResolver.systemDefault().addresses(host, AddressFamily.ANY);
        return new InetSocketAddress(found.get(0), port);
    }

    private static InetAddress wildcard(boolean ipv6) {
        try {
            return InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The interface called {@code name}. */
    static NetworkInterface networkInterface(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new IllegalArgumentException("no network interface named " + name);
            }
            return nif;
        } catch (SocketException e) {
            throw Exceptions.map(e);
        }
    }

    /** Writes and flushes {@code msg}; the future fails with a toolkit exception. */
    CompletableFuture<Void> send(Object msg) {
        return send(channel, msg);
    }

    /**
     * Writes and flushes {@code msg} on {@code channel}; the future fails with a toolkit exception. Counted as
     * pending until written, so that a graceful close lets it go out.
     */
    static CompletableFuture<Void> send(Channel channel, Object msg) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Endpoint endpoint = channel.attr(KEY).get();
        if (endpoint != null) {
            endpoint.pendingSends.incrementAndGet();
        }
        channel.writeAndFlush(msg).addListener(f -> {
            if (endpoint != null) {
                endpoint.pendingSends.decrementAndGet();
            }
            complete(result, f, channel);
        });
        return result;
    }

    /**
     * Counts a datagram handed to a {@link DatagramHandler} as owed an answer until {@link #settle()}: the
     * handler may answer later, from another thread, and a graceful close waits for that within its grace.
     */
    void owe() {
        unanswered.incrementAndGet();
    }

    /** One owed datagram was answered (its first send was issued) or its handler failed. */
    void settle() {
        unanswered.decrementAndGet();
    }

    /** Completes {@code result} from a Netty future, mapping its failure. */
    void complete(CompletableFuture<Void> result, Future<?> f) {
        complete(result, f, channel);
    }

    private static void complete(CompletableFuture<Void> result, Future<?> f, Channel channel) {
        if (f.isSuccess()) {
            result.complete(null);
        } else {
            result.completeExceptionally(Exceptions.map(f.cause(), channel.remoteAddress()));
        }
    }

    /** The path MTU of the connected socket, or -1 where it cannot be read. */
    int pathMtu() {
        return PathMtu.read(channel, ipv6);
    }

    String name() {
        return name;
    }

    UdpConfig config() {
        return config;
    }

    Transport transport() {
        return transport;
    }

    DatagramMetrics metrics() {
        return metrics;
    }

    DatagramErrors errors() {
        return errors;
    }

    boolean ipv6() {
        return ipv6;
    }

    DatagramChannel channel() {
        return channel;
    }

    InetSocketAddress localAddress() {
        return channel.localAddress();
    }

    /** Closes the socket and stops the event loop; waits for both unless called on the event loop itself. */
    void close() {
        if (group.isShuttingDown()) {
            // closed before: a second close only waits for the first one's end
            if (!channel.eventLoop().inEventLoop()) {
                group.terminationFuture().awaitUninterruptibly();
            }
            return;
        }
        resolvers.close();
        if (channel.eventLoop().inEventLoop()) {
            channel.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Closes gracefully: stops reading at once, lets the handler calls in progress return, waits for the
     * answers still owed to datagrams a {@link DatagramHandler} was given (it may answer later from another
     * thread) and for the datagrams sent to be written, for up to {@code grace}, then closes. On the event
     * loop itself (a handler), only starts that and returns.
     */
    void closeGracefully(Duration grace) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            channel.config().setAutoRead(false);
            Thread stopper = new Thread(() -> closeGracefully(grace), name + "-stop");
            stopper.setDaemon(true);
            stopper.start();
            return;
        }
        if (group.isShuttingDown()) {
            close();
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        // The loop runs one task at a time: once this one has run, every handler call begun before it returned.
        loop.submit(() -> channel.config().setAutoRead(false)).awaitUninterruptibly();
        // Waits on the caller's thread, never on the loop, where the sends complete.
        // A send is counted pending before its datagram is settled, so no answer slips between the two counts.
        while ((unanswered.get() > 0 || pendingSends.get() > 0) && System.nanoTime() - deadline < 0
                && channel.isOpen()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        close();
    }

    /** Blocks until the socket has closed. */
    void awaitClosed(String operation) {
        Blocking.await(closed, operation);
    }

    /**
     * The last handler: reports exceptions nobody handled and releases datagrams nobody consumed, without
     * closing the socket, so that one bad datagram never stops a server.
     */
    static final class Unhandled extends ChannelInboundHandlerAdapter {
        private final DatagramErrors errors;

        Unhandled(DatagramErrors errors) {
            this.errors = errors;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.report(null, cause);
        }
    }
}

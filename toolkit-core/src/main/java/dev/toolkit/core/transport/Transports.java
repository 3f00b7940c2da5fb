package dev.toolkit.core.transport;

import dev.toolkit.core.observe.Logging;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.SystemPropertyUtil;

/**
 * Picks a Netty transport and makes its event loop groups and channel classes, so that servers and clients of
 * every module choose a transport in one place.
 */
public final class Transports {

    /** System property that overrides {@link Transport#AUTO}: {@code nio}, {@code epoll} or {@code io_uring}. */
    public static final String PROPERTY = "toolkit.transport";

    static {
        // Before the first event loop, whose classes bind their Netty loggers when they are first used.
        Logging.install();
    }

    private Transports() {
    }

    /**
     * Resolves {@link Transport#AUTO} to the best transport available here; checks that an explicit choice is
     * available.
     *
     * @throws IllegalStateException if an explicitly chosen native transport is not available, naming why
     */
    public static Transport resolve(Transport requested) {
        switch (requested) {
            case AUTO:
                String forced = System.getProperty(PROPERTY, "auto").trim().toUpperCase(java.util.Locale.ROOT);
                if (!forced.equals("AUTO")) {
                    return resolve(Transport.valueOf(forced));
                }
                // epoll first: it is the mature native transport; io_uring is used when chosen explicitly
                // or where epoll is missing.
                if (Epoll.isAvailable()) {
                    return Transport.EPOLL;
                }
                return IoUring.isAvailable() ? Transport.IO_URING : Transport.NIO;
            case EPOLL:
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("epoll transport unavailable: " + Epoll.unavailabilityCause());
                }
                return requested;
            case IO_URING:
                if (!IoUring.isAvailable()) {
                    throw new IllegalStateException("io_uring transport unavailable: "
                            + IoUring.unavailabilityCause());
                }
                return requested;
            default:
                return requested;
        }
    }

    /**
     * Sets SO_REUSEPORT on a server bootstrap for {@code transport}, so that several sockets (in several
     * processes) can listen on one port and the kernel spreads connections over them.
     */
    public static void reusePort(io.netty.bootstrap.ServerBootstrap bootstrap, Transport transport) {
        switch (resolve(transport)) {
            case IO_URING:
                bootstrap.option(io.netty.channel.uring.IoUringChannelOption.SO_REUSEPORT, true);
                break;
            case EPOLL:
                bootstrap.option(io.netty.channel.epoll.EpollChannelOption.SO_REUSEPORT, true);
                break;
            default:
                bootstrap.option(io.netty.channel.socket.nio.NioChannelOption.of(
                        java.net.StandardSocketOptions.SO_REUSEPORT), true);
        }
    }

    /** The I/O handler factory of a resolved transport. */
    public static IoHandlerFactory ioHandlerFactory(Transport transport) {
        switch (resolve(transport)) {
            case IO_URING:
                return IoUringIoHandler.newFactory();
            case EPOLL:
                return EpollIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    /**
     * A new event loop group on {@code transport}. Its threads are daemons, and closing it leaves no thread
     * behind (not even Netty's GlobalEventExecutor's), so a program exits as soon as {@code main} returns.
     *
     * @param threads number of threads, 0 for Netty's default (twice the cores; {@code -Dio.netty.eventLoopThreads})
     * @param name thread name prefix, shown in thread dumps and logs
     */
    public static EventLoopGroup newGroup(Transport transport, int threads, String name) {
        int count = threads > 0 ? threads
                : Math.max(1, SystemPropertyUtil.getInt("io.netty.eventLoopThreads",
                        NettyRuntime.availableProcessors() * 2));
        return new StandaloneLoopGroup(count, new DefaultThreadFactory(name, true), ioHandlerFactory(transport));
    }

    /** The server socket channel class of {@code transport}. */
    public static Class<? extends ServerSocketChannel> serverChannel(Transport transport) {
        switch (resolve(transport)) {
            case IO_URING:
                return IoUringServerSocketChannel.class;
            case EPOLL:
                return EpollServerSocketChannel.class;
            default:
                return NioServerSocketChannel.class;
        }
    }

    /** The socket channel class of {@code transport}. */
    public static Class<? extends SocketChannel> socketChannel(Transport transport) {
        switch (resolve(transport)) {
            case IO_URING:
                return IoUringSocketChannel.class;
            case EPOLL:
                return EpollSocketChannel.class;
            default:
                return NioSocketChannel.class;
        }
    }

    /** The datagram channel class of {@code transport}. */
    public static Class<? extends DatagramChannel> datagramChannel(Transport transport) {
        switch (resolve(transport)) {
            case IO_URING:
                return IoUringDatagramChannel.class;
            case EPOLL:
                return EpollDatagramChannel.class;
            default:
                return NioDatagramChannel.class;
        }
    }
}

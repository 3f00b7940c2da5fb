package dev.toolkit.udp;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;

/**
 * Linux path-MTU socket options, set and read through Netty's {@link IntegerUnixChannelOption} on the
 * epoll and io_uring transports (no JNI of our own). NIO offers no way to reach them.
 */
final class PathMtu {

    /** IPPROTO_IP / IP_MTU_DISCOVER (linux/in.h). */
    static final IntegerUnixChannelOption IP_MTU_DISCOVER = new IntegerUnixChannelOption("IP_MTU_DISCOVER", 0, 10);
    /** IPPROTO_IP / IP_MTU: the path MTU of a connected socket. */
    static final IntegerUnixChannelOption IP_MTU = new IntegerUnixChannelOption("IP_MTU", 0, 14);
    /** IPPROTO_IPV6 / IPV6_MTU_DISCOVER (linux/in6.h). */
    static final IntegerUnixChannelOption IPV6_MTU_DISCOVER =
            new IntegerUnixChannelOption("IPV6_MTU_DISCOVER", 41, 23);
    /** IPPROTO_IPV6 / IPV6_MTU. */
    static final IntegerUnixChannelOption IPV6_MTU = new IntegerUnixChannelOption("IPV6_MTU", 41, 24);
    /** IP_PMTUDISC_DO and IPV6_PMTUDISC_DO: always set "don't fragment", never fragment locally. */
    static final int PMTUDISC_DO = 2;

    private PathMtu() {
    }

    /** Whether {@code channel}'s transport can reach the Linux path-MTU options. */
    static boolean supported(Channel channel) {
        return channel instanceof EpollDatagramChannel || channel instanceof IoUringDatagramChannel;
    }

    /** Sets IP(V6)_MTU_DISCOVER to "do" on a native channel. */
    static void force(Channel channel, boolean ipv6) {
        channel.config().setOption(ipv6 ? IPV6_MTU_DISCOVER : IP_MTU_DISCOVER, PMTUDISC_DO);
    }

    /**
     * The path MTU of a connected native channel, or -1 where it cannot be read (NIO, not connected, or the
     * system refused).
     */
    static int read(Channel channel, boolean ipv6) {
        if (!supported(channel) || channel.remoteAddress() == null || !channel.isOpen()) {
            return -1;
        }
        try {
            Integer mtu = channel.config().getOption(ipv6 ? IPV6_MTU : IP_MTU);
            return mtu == null ? -1 : mtu;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

package dev.toolkit.udp;

import io.netty.channel.Channel;
import io.netty.channel.unix.IntegerUnixChannelOption;

/**
 * Multicast TTL and loopback set with the Linux option numbers on the epoll and io_uring transports. Netty's
 * own {@code IP_MULTICAST_TTL} option there sets the unicast TTL (IP_TTL) instead, which would change every
 * datagram's TTL and reject 0, so the toolkit sets the real options itself.
 */
final class MulticastOptions {

    /** IPPROTO_IP / IP_MULTICAST_TTL (linux/in.h). */
    static final IntegerUnixChannelOption IP_MULTICAST_TTL = new IntegerUnixChannelOption("IP_MULTICAST_TTL", 0, 33);
    /** IPPROTO_IP / IP_MULTICAST_LOOP. */
    static final IntegerUnixChannelOption IP_MULTICAST_LOOP =
            new IntegerUnixChannelOption("IP_MULTICAST_LOOP", 0, 34);
    /** IPPROTO_IPV6 / IPV6_MULTICAST_HOPS (linux/in6.h). */
    static final IntegerUnixChannelOption IPV6_MULTICAST_HOPS =
            new IntegerUnixChannelOption("IPV6_MULTICAST_HOPS", 41, 18);
    /** IPPROTO_IPV6 / IPV6_MULTICAST_LOOP. */
    static final IntegerUnixChannelOption IPV6_MULTICAST_LOOP =
            new IntegerUnixChannelOption("IPV6_MULTICAST_LOOP", 41, 19);

    private MulticastOptions() {
    }

    /** Sets the multicast TTL (hop limit) and loopback of a native channel. */
    static void apply(Channel channel, boolean ipv6, int ttl, boolean loopback) {
        channel.config().setOption(ipv6 ? IPV6_MULTICAST_HOPS : IP_MULTICAST_TTL, ttl);
        channel.config().setOption(ipv6 ? IPV6_MULTICAST_LOOP : IP_MULTICAST_LOOP, loopback ? 1 : 0);
    }
}

package dev.toolkit.core.names;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.inet.InetLiterals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

/**
 * The one rule for the address a server binds, as {@code getaddrinfo} with {@code AI_PASSIVE} works it out;
 * TCP servers, datagram servers and the load balancer all use it, so a host setting means the same in each:
 * <ul>
 * <li>{@code null} or {@code ""}: the wildcard address, dual-stack where this host has IPv6 ({@code ::}, with
 *     IPV6_V6ONLY off, so IPv4 clients arrive as IPv4-mapped addresses), else {@code 0.0.0.0};</li>
 * <li>an address literal ({@code 127.0.0.1}, {@code ::1}, {@code fe80::1%lo}): that address;</li>
 * <li>a name: resolved as any other name ({@code /etc/hosts}, then DNS), the first address in RFC 6724
 *     order.</li>
 * </ul>
 */
public final class BindAddress {

    private BindAddress() {
    }

    /**
     * The socket address to bind for {@code host} and {@code port}.
     *
     * @throws dev.toolkit.core.error.NameResolutionException if {@code host} is a name that does not resolve
     * @throws dev.toolkit.core.error.InterruptedOperationException if interrupted while a name is looked up
     */
    public static InetSocketAddress of(String host, int port) {
        return of(host, port, AddressResolver.systemDefault());
    }

    /** {@link #of(String, int)} with names looked up through {@code resolver}. */
    public static InetSocketAddress of(String host, int port, AddressResolver resolver) {
        String trimmed = host == null ? "" : host.trim();
        if (trimmed.isEmpty()) {
            return new InetSocketAddress(wildcard(), port);
        }
        InetAddress literal = InetLiterals.parseWithScope(trimmed);
        if (literal != null) {
            return new InetSocketAddress(literal, port);
        }
        List<AddrInfo> found = Blocking.call("resolve bind address " + trimmed, null,
                () -> resolver.getaddrinfoAsync(trimmed, Integer.toString(port), AddressFamily.ANY, SocketType.STREAM,
                        EnumSet.of(AddrInfoFlag.PASSIVE, AddrInfoFlag.NUMERICSERV)));
        return found.get(0).address();
    }

    /** The wildcard address to bind: {@code ::} where this host has IPv6, else {@code 0.0.0.0}. */
    public static InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[hasIpv6() ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether this host can serve IPv6: the JVM is not limited to IPv4 ({@code java.net.preferIPv4Stack}) and
     * some interface, the loopback one included, has an IPv6 address.
     */
    public static boolean hasIpv6() {
        if (Boolean.getBoolean("java.net.preferIPv4Stack")) {
            return false;
        }
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet6Address) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            return false;
        }
        return false;
    }
}

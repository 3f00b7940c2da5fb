package dev.toolkit.core.names;

import dev.toolkit.core.inet.InetText;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One result of {@link AddressResolver#getaddrinfo}: the five socket coordinates of the book (family, type,
 * protocol, canonical name, socket address).
 *
 * @param family the address family of {@code address}
 * @param type the socket type
 * @param protocol the IP protocol number (6 TCP, 17 UDP, 0 raw)
 * @param canonicalName the canonical name when {@link AddrInfoFlag#CANONNAME} was asked for (on the first result
 *     only, as in C and Python), else empty
 * @param address the socket address (IP address and port)
 */
public record AddrInfo(AddressFamily family, SocketType type, int protocol, String canonicalName,
                       InetSocketAddress address) {

    /** Checks the fields. */
    public AddrInfo {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(canonicalName, "canonicalName");
        Objects.requireNonNull(address, "address");
    }

    /**
     * This result as Python prints the tuple's fields:
     * {@code AF_INET SOCK_STREAM 6 'localhost' ('127.0.0.1', 80)}, with IPv6 socket addresses as
     * {@code ('::1', 80, 0, 0)}.
     */
    public String toPythonText() {
        return family.constantName() + " " + type.constantName() + " " + protocol + " '" + canonicalName + "' "
                + sockaddrText(address);
    }

    /** A socket address as Python prints it: {@code ('127.0.0.1', 80)} or {@code ('::1', 80, 0, 0)}. */
    public static String sockaddrText(InetSocketAddress address) {
        String host = InetText.format(address.getAddress());
        if (address.getAddress() instanceof Inet6Address) {
            return "('" + host + "', " + address.getPort() + ", 0, "
                    + ((Inet6Address) address.getAddress()).getScopeId() + ")";
        }
        return "('" + host + "', " + address.getPort() + ")";
    }
}

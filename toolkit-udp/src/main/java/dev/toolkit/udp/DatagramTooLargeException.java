package dev.toolkit.udp;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.ToolkitException;

import io.netty.util.NetUtil;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.OptionalInt;

/**
 * A datagram was refused by the system because it is larger than the path allows (EMSGSIZE, "Message too
 * long"): larger than UDP's largest payload (65,507 bytes over IPv4, 65,527 over IPv6), or, with path-MTU
 * discovery on, larger than the path MTU minus the IP and UDP headers. The message names the size and the
 * path MTU when the transport can read it.
 */
public class DatagramTooLargeException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    /** The largest UDP payload over IPv4: 65,535 minus a 20-byte IP header and an 8-byte UDP header. */
    public static final int MAX_IPV4_PAYLOAD = 65507;
    /** The largest UDP payload over IPv6 without jumbograms: 65,535 minus the 8-byte UDP header. */
    public static final int MAX_IPV6_PAYLOAD = 65527;

    private final int size;
    private final int pathMtu;
    private final transient InetSocketAddress destination;

    /**
     * @param size the datagram's payload size in bytes
     * @param destination where it was going, or {@code null} if unknown
     * @param pathMtu the path MTU read from the socket, or -1 if unknown
     * @param cause the system's error
     */
    public DatagramTooLargeException(int size, InetSocketAddress destination, int pathMtu, Throwable cause) {
        super(ErrorKind.IO, message(size, destination, pathMtu), cause);
        this.size = size;
        this.pathMtu = pathMtu;
        this.destination = destination;
    }

    private static String message(int size, InetSocketAddress destination, int pathMtu) {
        boolean v6 = destination != null && destination.getAddress() instanceof Inet6Address;
        StringBuilder sb = new StringBuilder("datagram of ").append(size).append(" bytes");
        if (destination != null) {
            sb.append(" to ").append(NetUtil.toSocketAddressString(destination));
        }
        sb.append(" is larger than the path allows (Message too long, EMSGSIZE)");
        if (pathMtu > 0) {
            int headers = v6 ? 48 : 28;
            sb.append(": path MTU ").append(pathMtu).append(", at most ").append(pathMtu - headers)
                    .append(" payload bytes unfragmented");
        } else if (size > (v6 ? MAX_IPV6_PAYLOAD : MAX_IPV4_PAYLOAD)) {
            sb.append(": the largest UDP payload over ").append(v6 ? "IPv6 is " + MAX_IPV6_PAYLOAD
                    : "IPv4 is " + MAX_IPV4_PAYLOAD).append(" bytes");
        }
        return sb.toString();
    }

    /** The datagram's payload size in bytes. */
    public int size() {
        return size;
    }

    /** The path MTU the socket reported, if the transport could read it. */
    public OptionalInt pathMtu() {
        return pathMtu > 0 ? OptionalInt.of(pathMtu) : OptionalInt.empty();
    }

    /** Where the datagram was going, or {@code null} if unknown. */
    public InetSocketAddress destination() {
        return destination;
    }
}

package dev.toolkit.core.error;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A server could not bind its address because another socket holds it: the message is
 * {@code address already in use: 127.0.0.1:1060} (IPv6 in brackets: {@code [::1]:1060}).
 */
public class AddressInUseException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    private final transient SocketAddress address;

    /**
     * @param address the address that could not be bound, or {@code null} if unknown
     * @param cause the underlying exception, or {@code null}
     */
    public AddressInUseException(SocketAddress address, Throwable cause) {
        super(ErrorKind.IO, "address already in use" + (address == null ? "" : ": " + text(address)), cause);
        this.address = address;
    }

    /** The address that could not be bound, or {@code null} if unknown. */
    public SocketAddress address() {
        return address;
    }

    /** {@code 127.0.0.1:1060}, {@code [::1]:1060}, or the address's own text when it is no IP address. */
    static String text(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && !inet.isUnresolved()) {
            return io.netty.util.NetUtil.toSocketAddressString(inet);
        }
        return String.valueOf(address);
    }
}

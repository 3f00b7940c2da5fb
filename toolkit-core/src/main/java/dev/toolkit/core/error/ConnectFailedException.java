package dev.toolkit.core.error;

import java.net.SocketAddress;

/** A connection could not be established. */
public class ConnectFailedException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    /** Why the connection failed. */
    public enum Reason {
        /** Nothing listens there (TCP RST, or ICMP port unreachable for a connected UDP socket). */
        REFUSED,
        /** No route to the host or network. */
        UNREACHABLE,
        /** Another failure; see the cause. */
        OTHER
    }

    private final transient SocketAddress address;
    private final Reason reason;

    /**
     * @param address where the connection was attempted, or {@code null} if unknown
     * @param reason why it failed
     * @param cause the underlying exception, or {@code null}
     */
    public ConnectFailedException(SocketAddress address, Reason reason, Throwable cause) {
        super(ErrorKind.CONNECT, "connection " + text(reason) + (address == null ? "" : ": " + address)
                + (reason == Reason.OTHER && cause != null ? " (" + cause + ")" : ""), cause);
        this.address = address;
        this.reason = reason;
    }

    private static String text(Reason reason) {
        switch (reason) {
            case REFUSED:
                return "refused";
            case UNREACHABLE:
                return "failed, host or network unreachable";
            default:
                return "failed";
        }
    }

    /** Where the connection was attempted, or {@code null} if unknown. */
    public SocketAddress address() {
        return address;
    }

    /** Why the connection failed. */
    public Reason reason() {
        return reason;
    }
}

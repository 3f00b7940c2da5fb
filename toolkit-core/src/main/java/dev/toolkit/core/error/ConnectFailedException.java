package dev.toolkit.core.error;

import java.net.SocketAddress;
import java.util.List;

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
    private final transient List<SocketAddress> attempted;
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
        this.attempted = address == null ? List.of() : List.of(address);
        this.reason = reason;
    }

    /**
     * Every attempt failed: for a host name with several addresses.
     *
     * @param host the name being connected to, for the message
     * @param attempted every address tried, in order (at least one)
     * @param reason why they failed ({@link Reason#OTHER} if for different reasons)
     * @param cause the last attempt's failure; the others are attached as suppressed exceptions by the caller
     */
    public ConnectFailedException(String host, List<? extends SocketAddress> attempted, Reason reason,
                                  Throwable cause) {
        super(ErrorKind.CONNECT, "connection to " + host + " " + text(reason) + " at every address tried: "
                + addresses(attempted), cause);
        this.attempted = List.copyOf(attempted);
        this.address = this.attempted.isEmpty() ? null : this.attempted.get(this.attempted.size() - 1);
        this.reason = reason;
    }

    private static String addresses(List<? extends SocketAddress> list) {
        StringBuilder sb = new StringBuilder();
        for (SocketAddress a : list) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(a instanceof java.net.InetSocketAddress && !((java.net.InetSocketAddress) a).isUnresolved()
                    ? io.netty.util.NetUtil.toSocketAddressString((java.net.InetSocketAddress) a) : String.valueOf(a));
        }
        return sb.toString();
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

    /** Every address that was tried, in order; one for a single-address connection, empty if unknown. */
    public List<SocketAddress> attempted() {
        return attempted == null ? List.of() : attempted;
    }

    /** Why the connection failed. */
    public Reason reason() {
        return reason;
    }
}

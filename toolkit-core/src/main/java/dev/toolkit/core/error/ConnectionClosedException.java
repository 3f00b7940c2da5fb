package dev.toolkit.core.error;

/** The connection closed while something was still expected or pending. */
public class ConnectionClosedException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    /** Which side closed the connection. */
    public enum Side {
        /** This side closed it (or it was already closed when used). */
        LOCAL,
        /** The peer closed or reset it. */
        REMOTE
    }

    private final Side side;
    private final String state;
    private final long pendingBytes;

    /**
     * @param side which side closed
     * @param state what the connection was doing, e.g. "reading a 4-byte length prefix"
     * @param pendingBytes bytes received but not yet forming a whole message (or not yet written)
     * @param cause the underlying exception, or {@code null}
     */
    public ConnectionClosedException(Side side, String state, long pendingBytes, Throwable cause) {
        super(ErrorKind.CLOSED, (side == Side.REMOTE ? "peer closed the connection" : "connection closed locally")
                + " while " + state + (pendingBytes > 0 ? " (" + pendingBytes + " bytes pending)" : ""), cause);
        this.side = side;
        this.state = state;
        this.pendingBytes = pendingBytes;
    }

    /** Which side closed. */
    public Side side() {
        return side;
    }

    /** What the connection was doing when it closed. */
    public String state() {
        return state;
    }

    /** Bytes received but not yet forming a whole message, or not yet written. */
    public long pendingBytes() {
        return pendingBytes;
    }
}

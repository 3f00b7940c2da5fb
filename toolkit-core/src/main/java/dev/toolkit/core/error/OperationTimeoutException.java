package dev.toolkit.core.error;

import java.time.Duration;

/** An operation did not finish within its time limit; {@link #phase()} tells which one. */
public class OperationTimeoutException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    /** The phase of a connection's life that timed out. */
    public enum Phase {
        /** Establishing the connection. */
        CONNECT,
        /** The TLS (or protocol) handshake. */
        HANDSHAKE,
        /** Waiting for data that was expected (a reply, the rest of a frame). */
        READ,
        /** No traffic at all for the idle limit. */
        IDLE,
        /** A write was not accepted by the peer in time. */
        WRITE
    }

    private final Phase phase;
    private final Duration limit;

    /**
     * @param phase the phase that timed out
     * @param limit the limit that was exceeded, or {@code null} if unknown
     * @param detail what was being waited for, e.g. the peer address; may be {@code null}
     * @param cause the underlying exception, or {@code null}
     */
    public OperationTimeoutException(Phase phase, Duration limit, String detail, Throwable cause) {
        super(ErrorKind.TIMEOUT, phase.name().toLowerCase(java.util.Locale.ROOT) + " timed out"
                + (limit == null ? "" : " after " + Durations.format(limit))
                + (detail == null ? "" : ": " + detail), cause);
        this.phase = phase;
        this.limit = limit;
    }

    /**
     * A write time-out: {@code bytes} waited for {@code peer} and it took none of them within {@code limit}.
     * The same failure under every server architecture.
     */
    public static OperationTimeoutException peerNotReading(Duration limit, java.net.SocketAddress peer,
                                                           long bytes) {
        return new OperationTimeoutException(Phase.WRITE, limit, bytes + " bytes waiting for " + peer
                + " and none taken (the peer is not reading)", null);
    }

    /** The phase that timed out. */
    public Phase phase() {
        return phase;
    }

    /** The limit that was exceeded, or {@code null} if unknown. */
    public Duration limit() {
        return limit;
    }
}

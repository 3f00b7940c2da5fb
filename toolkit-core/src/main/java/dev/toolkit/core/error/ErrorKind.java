package dev.toolkit.core.error;

/** The kinds of failure every toolkit module reports; used to count errors by kind. */
public enum ErrorKind {
    /** A name could not be resolved to addresses. */
    RESOLUTION,
    /** A connection could not be established (refused, unreachable). */
    CONNECT,
    /** An operation did not finish in time. */
    TIMEOUT,
    /** The connection was closed while something was still expected or pending. */
    CLOSED,
    /** The peer sent something the protocol does not allow. */
    PROTOCOL,
    /** A TLS check failed. */
    TLS,
    /**
     * A message this side tried to send could not be: its encoder refused it (a frame too long for its
     * framing) or no handler of the pipeline takes its type (a {@code String} on a byte pipeline).
     */
    OUTBOUND,
    /** Another input/output failure (an address already in use among them). */
    IO,
    /** A blocking call's thread was interrupted while it waited. */
    INTERRUPTED,
    /** A failure inside the toolkit or the application's handler. */
    INTERNAL
}

package dev.toolkit.core.error;

/**
 * The root of every exception the toolkit throws. Unchecked: callers catch the subtype they can act on.
 *
 * <p>Subtypes carry structured facts (which phase timed out, which side closed, which TLS check failed) so
 * that callers need not parse messages; {@link #kind()} groups them for counters.
 */
public class ToolkitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    /**
     * Creates an exception of the given kind.
     *
     * @param kind what sort of failure this is
     * @param message what went wrong, naming the thing that failed
     * @param cause the underlying exception, or {@code null}
     */
    public ToolkitException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What sort of failure this is. */
    public ErrorKind kind() {
        return kind;
    }
}

package dev.toolkit.core.error;

/**
 * A blocking call was interrupted while it waited. Every blocking call of the toolkit reports an interruption
 * this one way (never as a checked {@link InterruptedException}): it sets the thread's interrupt flag again,
 * so that code further up still sees it, and throws this exception naming the operation.
 */
public class InterruptedOperationException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * Sets the current thread's interrupt flag again and describes the interrupted {@code operation}.
     *
     * @param operation what was being waited for, e.g. {@code "receive from 127.0.0.1:1060"}
     * @param cause the {@link InterruptedException} caught, or {@code null}
     */
    public InterruptedOperationException(String operation, InterruptedException cause) {
        super(ErrorKind.INTERRUPTED, "interrupted while waiting: " + operation, cause);
        this.operation = operation;
        Thread.currentThread().interrupt();
    }

    /** What was being waited for when the thread was interrupted. */
    public String operation() {
        return operation;
    }
}

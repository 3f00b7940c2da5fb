package dev.toolkit.core.error;

/**
 * A message of a type nobody takes: an outbound one that no encoder of the connection's pipeline turns into
 * bytes (a {@code String} on a connection without text framing), or an inbound one of another type than the
 * receiver asked for (a {@code MalformedLine} where a {@code String} was expected). Kind
 * {@link ErrorKind#PROTOCOL}: the two ends of a connection disagree on what travels over it.
 */
public class UnexpectedMessageException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    private final String messageType;
    private final String expectedType;

    private UnexpectedMessageException(String text, String messageType, String expectedType, Throwable cause) {
        super(ErrorKind.PROTOCOL, text, cause);
        this.messageType = messageType;
        this.expectedType = expectedType;
    }

    /**
     * An outbound {@code message} that no handler of the pipeline encodes.
     *
     * @param pipeline the handlers it went through, named in the message (e.g. the pipeline's names)
     * @param cause the transport's refusal, or {@code null}
     */
    public static UnexpectedMessageException outbound(Object message, Object pipeline, Throwable cause) {
        String type = typeName(message);
        return new UnexpectedMessageException("cannot send a " + type + ": no encoder of the connection takes it"
                + " (pipeline " + pipeline + "); send bytes, or add a framer that encodes it", type, null, cause);
    }

    /**
     * An inbound {@code message} of another type than {@code expected}.
     *
     * @param detail why it could not be taken as that type, or {@code null}
     */
    public static UnexpectedMessageException inbound(Class<?> expected, Object message, String detail) {
        String type = typeName(message);
        return new UnexpectedMessageException("expected a " + expected.getName() + " but received a " + type
                + (detail == null ? "" : ": " + detail), type, expected.getName(), null);
    }

    /** The class name of the message. */
    public String messageType() {
        return messageType;
    }

    /** The class name the receiver asked for; {@code null} for an outbound message. */
    public String expectedType() {
        return expectedType;
    }

    private static String typeName(Object message) {
        return message == null ? "null" : message.getClass().getName();
    }
}

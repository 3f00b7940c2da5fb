package dev.toolkit.core.error;

/**
 * A message could not be sent: its encoder refused it (a frame too long for its framing, a value the encoder
 * cannot write) or no handler of the connection's pipeline takes its type (a {@code String} written on a
 * pipeline that sends only bytes). Nothing of it was written. The message names the message's type, the
 * connection and the handlers of its pipeline.
 */
public class OutboundMessageException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    private final String messageType;

    /**
     * @param messageType the class name of the message that could not be sent, or {@code null} if unknown
     * @param where the connection, e.g. "/127.0.0.1:40000", or {@code null} if unknown
     * @param pipeline the handler names of the connection's pipeline, head first, or {@code null} if unknown
     * @param reason what was wrong, e.g. the encoder's message
     * @param cause the underlying exception, or {@code null}
     */
    public OutboundMessageException(String messageType, String where, String pipeline, String reason,
                                    Throwable cause) {
        super(ErrorKind.OUTBOUND, "cannot send " + (messageType == null ? "a message" : "a " + messageType)
                + (where == null ? "" : " to " + where) + ": " + reason
                + (pipeline == null ? "" : " (pipeline: " + pipeline + ")"), cause);
        this.messageType = messageType;
    }

    /** The class name of the message that could not be sent, or {@code null} if unknown. */
    public String messageType() {
        return messageType;
    }
}

package dev.toolkit.core.error;

/** The peer sent something the protocol does not allow; the message quotes an escaped, cut-short excerpt. */
public class ProtocolViolationException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    private final String excerpt;

    /**
     * @param what what was wrong, e.g. "length field 4294967295 exceeds the 65536-byte frame limit"
     * @param excerpt an already escaped excerpt of what was received (see {@link Excerpts}), or {@code null}
     * @param cause the underlying exception, or {@code null}
     */
    public ProtocolViolationException(String what, String excerpt, Throwable cause) {
        super(ErrorKind.PROTOCOL, what + (excerpt == null ? "" : "; received " + excerpt), cause);
        this.excerpt = excerpt;
    }

    /** The escaped excerpt of what was received, or {@code null}. */
    public String excerpt() {
        return excerpt;
    }
}

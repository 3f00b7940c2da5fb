package dev.toolkit.core.error;

/** A frame exceeded the decoder's maximum frame size. */
public class FrameTooLongException extends ProtocolViolationException {

    private static final long serialVersionUID = 1L;

    private final long limit;
    private final long seen;

    /**
     * @param framing the framing style, e.g. "line" or "4-byte length prefix"
     * @param limit the maximum frame size in bytes
     * @param seen how many bytes of the frame were seen (or announced) when the limit was breached
     * @param excerpt an escaped excerpt of the start of the frame, or {@code null}
     */
    public FrameTooLongException(String framing, long limit, long seen, String excerpt) {
        super(framing + " frame exceeds the maximum frame size of " + limit + " bytes (" + seen
                + " bytes seen so far)", excerpt, null);
        this.limit = limit;
        this.seen = seen;
    }

    /** The maximum frame size in bytes. */
    public long limit() {
        return limit;
    }

    /** How many bytes of the frame were seen, or announced by a length field, when the limit was breached. */
    public long seen() {
        return seen;
    }
}

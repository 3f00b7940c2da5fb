package dev.toolkit.core.framing;

/** The line ending a line encoder appends. Line decoders accept both. */
public enum LineEnding {
    /** A bare line feed, {@code \n}, as Unix tools and Python's text files write. */
    LF(new byte[] {'\n'}),
    /** Carriage return and line feed, {@code \r\n}, as SMTP, HTTP and most Internet protocols require. */
    CRLF(new byte[] {'\r', '\n'});

    private final byte[] bytes;

    LineEnding(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The bytes of this line ending (a fresh copy). */
    public byte[] bytes() {
        return bytes.clone();
    }
}

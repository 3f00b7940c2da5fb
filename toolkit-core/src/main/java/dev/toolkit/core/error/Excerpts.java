package dev.toolkit.core.error;

import io.netty.buffer.ByteBuf;

/**
 * Escapes received bytes for error messages, as Python's {@code repr(bytes)} does: printable ASCII as is,
 * {@code \r \n \t \\ \'} escaped, every other byte as {@code \xNN}; cut short after a limit.
 */
public final class Excerpts {

    /** How many bytes an excerpt shows by default. */
    public static final int DEFAULT_LIMIT = 64;

    private Excerpts() {
    }

    /** Escapes up to {@link #DEFAULT_LIMIT} readable bytes of {@code buf} without moving its indexes. */
    public static String of(ByteBuf buf) {
        return of(buf, buf.readerIndex(), buf.readableBytes(), DEFAULT_LIMIT);
    }

    /** Escapes up to {@code limit} of the {@code length} bytes at {@code index} of {@code buf}. */
    public static String of(ByteBuf buf, int index, int length, int limit) {
        int shown = Math.min(length, limit);
        byte[] bytes = new byte[shown];
        buf.getBytes(index, bytes);
        return escape(bytes, shown, length - shown);
    }

    /** Escapes up to {@link #DEFAULT_LIMIT} bytes of {@code bytes}. */
    public static String of(byte[] bytes) {
        int shown = Math.min(bytes.length, DEFAULT_LIMIT);
        return escape(bytes, shown, bytes.length - shown);
    }

    private static String escape(byte[] bytes, int shown, int omitted) {
        StringBuilder sb = new StringBuilder(shown + 16).append("b'");
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r':
                    sb.append("\\r");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\'':
                    sb.append("\\'");
                    break;
                default:
                    if (b >= 0x20 && b < 0x7f) {
                        sb.append((char) b);
                    } else {
                        sb.append(String.format("\\x%02x", b));
                    }
            }
        }
        sb.append('\'');
        if (omitted > 0) {
            sb.append("... (").append(omitted).append(" more bytes)");
        }
        return sb.toString();
    }
}

package dev.toolkit.examples.ch02;

import dev.toolkit.examples.support.PythonFormat;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** How chapter 2's scripts turn datagrams into text and text into lines, as Python 3 does. */
final class Text {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Text() {
    }

    /** How many bytes of a datagram are printed; the rest is counted, not shown. */
    static final int SHOWN = 100;

    /** The help's note on {@link #shown}, a deliberate difference from the originals. */
    static final String SHOWN_NOTE = "%nUnlike the original, a datagram that is not ASCII text does not end the "
            + "program (Python's UnicodeDecodeError): it is printed as Python's repr() of its bytes, b'\\xe9...'; "
            + "and every datagram is printed cut after " + SHOWN + " bytes, followed by '... (N more bytes)'.";

    /**
     * A received datagram as the scripts print it: ASCII text as the original's {@code repr()} of
     * {@code data.decode('ascii')} ({@code 'text'}); anything else as Python's {@code repr()} of the bytes
     * ({@code b'caf\xc3\xa9'}). Either is cut after {@link #SHOWN} bytes, followed by
     * {@code ... (N more bytes)}.
     *
     * <p>A deliberate difference from the originals, which die of a {@code UnicodeDecodeError} at the first
     * byte above 0x7f (a one-datagram remote kill) and print every datagram whole (gigabytes under a flood).
     */
    static String shown(byte[] data) {
        String repr = PythonFormat.repr(Unpooled.wrappedBuffer(data), SHOWN);
        for (byte b : data) {
            if (b < 0) {
                return repr;
            }
        }
        return repr.substring(1);
    }

    /** {@code text.encode('ascii')} of text that is ASCII by construction. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code repr()} of an ASCII {@code str}: quoted and escaped as Python does, which for ASCII text is the
     * repr of its bytes without the {@code b}.
     */
    static String repr(String ascii) {
        return shown(bytes(ascii));
    }

    /** {@code str(datetime.now())}: microseconds shown unless they are zero, as Python prints them. */
    static String now() {
        LocalDateTime now = LocalDateTime.now();
        int micros = now.getNano() / 1000;
        return now.format(SECONDS) + (micros == 0 ? "" : String.format(".%06d", micros));
    }
}

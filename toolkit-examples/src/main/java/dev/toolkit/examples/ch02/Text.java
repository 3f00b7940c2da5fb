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

    /**
     * {@code data.decode('ascii')}.
     *
     * @throws UnicodeDecodeError at the first byte above 127, worded as Python's
     */
    static String ascii(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] < 0) {
                throw new UnicodeDecodeError(String.format("'ascii' codec can't decode byte 0x%02x in position %d:"
                        + " ordinal not in range(128)", data[i] & 0xff, i));
            }
        }
        return new String(data, StandardCharsets.US_ASCII);
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
        return PythonFormat.repr(Unpooled.wrappedBuffer(bytes(ascii))).substring(1);
    }

    /** {@code str(datetime.now())}: microseconds shown unless they are zero, as Python prints them. */
    static String now() {
        LocalDateTime now = LocalDateTime.now();
        int micros = now.getNano() / 1000;
        return now.format(SECONDS) + (micros == 0 ? "" : String.format(".%06d", micros));
    }

    /** Python's {@code UnicodeDecodeError}: a datagram that is not ASCII text. */
    static final class UnicodeDecodeError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnicodeDecodeError(String message) {
            super(message);
        }
    }
}

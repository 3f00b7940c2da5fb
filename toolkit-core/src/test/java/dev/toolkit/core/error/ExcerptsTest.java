package dev.toolkit.core.error;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExcerptsTest {

    @Test
    void printableAsciiIsShownAsIs() {
        assertEquals("b'Beautiful is better than?'", Excerpts.of(ascii("Beautiful is better than?")));
        assertEquals("b''", Excerpts.of(new byte[0]));
    }

    @Test
    void controlCharactersQuotesAndBackslashesAreEscapedLikePythonRepr() {
        assertEquals("b'EHLO x\\r\\n\\tdone'", Excerpts.of(ascii("EHLO x\r\n\tdone")));
        assertEquals("b'it\\'s a \\\\ \"quote\"'", Excerpts.of(ascii("it's a \\ \"quote\"")));
    }

    @Test
    void otherBytesBecomeLowerCaseHexEscapes() {
        assertEquals("b'\\x00\\x1b\\x7f\\x80\\xff'", Excerpts.of(new byte[] {0, 0x1b, 0x7f, (byte) 0x80, (byte) 0xff}));
        assertEquals("b'caf\\xc3\\xa9'", Excerpts.of("café".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void longInputIsCutShortWithANote() {
        byte[] hundred = new byte[100];
        java.util.Arrays.fill(hundred, (byte) 'a');
        String excerpt = Excerpts.of(hundred);
        assertEquals("b'" + "a".repeat(Excerpts.DEFAULT_LIMIT) + "'... (36 more bytes)", excerpt);
    }

    @Test
    void buffersAreReadWithoutMovingTheirIndexes() {
        ByteBuf buf = Unpooled.copiedBuffer(ascii("xxHELLO\n"));
        try {
            buf.readerIndex(2);
            assertEquals("b'HELLO\\n'", Excerpts.of(buf));
            assertEquals(2, buf.readerIndex());
            assertEquals("b'HE'... (4 more bytes)", Excerpts.of(buf, 2, 6, 2));
        } finally {
            buf.release();
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

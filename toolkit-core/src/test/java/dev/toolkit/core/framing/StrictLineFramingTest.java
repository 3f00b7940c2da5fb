package dev.toolkit.core.framing;

import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.toolkit.core.framing.Wire.ascii;
import static dev.toolkit.core.framing.Wire.concat;
import static dev.toolkit.core.framing.Wire.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strict CRLF line framing, and malformed lines delivered to the protocol as {@link MalformedLine}s. */
class StrictLineFramingTest {

    private static final LineFramer SMTP = Framing.lines(8).strictCrlf().deliverMalformedLines();

    @Test
    void settingsReturnConfiguredCopies() {
        LineFramer plain = Framing.lines(8);
        assertFalse(plain.isStrictCrlf());
        assertFalse(plain.deliversMalformedLines());
        assertTrue(SMTP.isStrictCrlf());
        assertTrue(SMTP.deliversMalformedLines());
        assertEquals(8, SMTP.maxFrameLength());
        assertEquals(LineEnding.CRLF, SMTP.encodeWith());
    }

    @Test
    void strictModeDeliversCrlfLinesWhateverTheSplit() {
        byte[] wire = ascii("HELO a\r\n\r\nQUIT\r\n");
        for (int chunk = 1; chunk <= wire.length; chunk++) {
            List<Object> lines = Wire.decode(Framing.lines(8).strictCrlf().newDecoder(), wire, chunk);
            assertEquals(3, lines.size(), "chunk " + chunk);
            assertArrayEquals(ascii("HELO a"), (byte[]) lines.get(0));
            assertArrayEquals(new byte[0], (byte[]) lines.get(1));
            assertArrayEquals(ascii("QUIT"), (byte[]) lines.get(2));
        }
    }

    @Test
    void bareLfAndBareCrAreMalformedInStrictModeAndDecodingGoesOn() {
        // Coalesced: many lines in one read, good and bad mixed.
        byte[] wire = ascii("a\nb\rc\r\nok\r\n\n");
        List<Object> out = Wire.decode(SMTP.newDecoder(), wire, wire.length);
        assertEquals(4, out.size(), out.toString());
        MalformedLine bareLf = assertInstanceOf(MalformedLine.class, out.get(0));
        assertEquals(new MalformedLine(0, MalformedLine.Reason.BARE_LF, 1, 8, "b'a\\n'"), bareLf);
        MalformedLine bareCr = assertInstanceOf(MalformedLine.class, out.get(1));
        assertEquals(MalformedLine.Reason.BARE_CR, bareCr.reason());
        assertEquals(2, bareCr.offset());
        assertEquals("b'b\\rc\\r\\n'", bareCr.excerpt());
        assertArrayEquals(ascii("ok"), (byte[]) out.get(2));
        MalformedLine empty = assertInstanceOf(MalformedLine.class, out.get(3));
        assertEquals(MalformedLine.Reason.BARE_LF, empty.reason());
        assertEquals(11, empty.offset());
    }

    @Test
    void strictModeFailsOnABareLfUnlessMalformedLinesAreDelivered() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lines(8).strictCrlf().newDecoder());
        try {
            ProtocolViolationException e = Wire.failInbound(ch, ascii("RCPT\nNOOP\r\n"),
                    ProtocolViolationException.class);
            assertTrue(e.getMessage().contains("line at offset 0 ends with a bare LF"), e.getMessage());
            assertEquals("b'RCPT\\n'", e.excerpt());
            // The line after it is intact.
            ch.writeInbound(Unpooled.EMPTY_BUFFER);
            Wire.assertOnlyFrame(ascii("NOOP"), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void lenientModeStillTakesLfAndKeepsInnerCr() {
        byte[] wire = ascii("a\nb\rc\r\n");
        List<Object> out = Wire.decode(Framing.lines(8).deliverMalformedLines().newDecoder(), wire, 1);
        assertEquals(2, out.size());
        assertArrayEquals(ascii("a"), (byte[]) out.get(0));
        assertArrayEquals(ascii("b\rc"), (byte[]) out.get(1));
    }

    @Test
    void aLineOfExactlyTheLimitPassesAndOneMoreByteIsTooLong() {
        byte[] wire = concat(repeat('x', 8), ascii("\r\n"), repeat('y', 9), ascii("\r\n"), ascii("z\r\n"));
        for (int chunk : new int[] {1, 3, wire.length}) {
            List<Object> out = Wire.decode(SMTP.newDecoder(), wire, chunk);
            assertEquals(3, out.size(), "chunk " + chunk + ": " + out);
            assertArrayEquals(repeat('x', 8), (byte[]) out.get(0));
            MalformedLine tooLong = assertInstanceOf(MalformedLine.class, out.get(1));
            assertEquals(MalformedLine.Reason.TOO_LONG, tooLong.reason());
            assertEquals(10, tooLong.offset());
            assertArrayEquals(ascii("z"), (byte[]) out.get(2));
        }
    }

    @Test
    void anOversizedLineIsReportedOnceBeforeItsEndArrivesAndDiscardedToTheNextLf() {
        EmbeddedChannel ch = new EmbeddedChannel(SMTP.newDecoder());
        try {
            // Nine bytes may still be eight and a CR; the tenth without an LF settles it.
            ch.writeInbound(Unpooled.wrappedBuffer(repeat('x', 9)));
            assertTrue(Wire.drainInbound(ch).isEmpty());
            ch.writeInbound(Unpooled.wrappedBuffer(ascii("x")));
            List<Object> out = Wire.drainInbound(ch);
            assertEquals(1, out.size());
            MalformedLine line = assertInstanceOf(MalformedLine.class, out.get(0));
            assertEquals(new MalformedLine(0, MalformedLine.Reason.TOO_LONG, 10, 8, "b'xxxxxxxxxx'"), line);
            assertInstanceOf(FrameTooLongException.class, line.toException());
            // A megabyte more of the same line: discarded, nothing reported, nothing held.
            for (int i = 0; i < 16; i++) {
                ch.writeInbound(Unpooled.wrappedBuffer(repeat('x', 64 * 1024)));
            }
            assertTrue(Wire.drainInbound(ch).isEmpty());
            ch.writeInbound(Unpooled.wrappedBuffer(ascii("xx\r\nNOOP\r\n")));
            Wire.assertOnlyFrame(ascii("NOOP"), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void offsetsCountEveryByteSinceTheDecoderWasAdded() {
        byte[] wire = concat(ascii("12345678\r\n"), repeat('a', 20), ascii("\r\nb\n"));
        List<Object> out = Wire.decode(SMTP.newDecoder(), wire, 7);
        List<Long> offsets = new ArrayList<>();
        for (Object o : out) {
            if (o instanceof MalformedLine) {
                offsets.add(((MalformedLine) o).offset());
            }
        }
        assertEquals(List.of(10L, 32L), offsets);
    }

    @Test
    void excerptsAreEscapedAndCutShort() {
        byte[] wire = concat(new byte[] {0, (byte) 0xff}, repeat('q', 200), ascii("\r\n"));
        List<Object> out = Wire.decode(Framing.lines(100).deliverMalformedLines().newDecoder(), wire, wire.length);
        MalformedLine line = assertInstanceOf(MalformedLine.class, out.get(0));
        assertTrue(line.excerpt().startsWith("b'\\x00\\xffqq"), line.excerpt());
        assertTrue(line.excerpt().endsWith("more bytes)"), line.excerpt());
        assertTrue(line.toString().contains("is longer than the limit"), line.toString());
    }
}

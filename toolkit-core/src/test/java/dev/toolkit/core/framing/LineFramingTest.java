package dev.toolkit.core.framing;

import dev.toolkit.core.error.FrameTooLongException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.toolkit.core.framing.Wire.ascii;
import static dev.toolkit.core.framing.Wire.concat;
import static dev.toolkit.core.framing.Wire.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineFramingTest {

    @Test
    void decodesLfAndCrlfAlikeAndKeepsOtherCarriageReturns() {
        byte[] wire = ascii("one\ntwo\r\n\r\nthree\rfour\n");
        List<Object> lines = Wire.decode(Framing.lines(64).newDecoder(), wire, wire.length);
        assertEquals(4, lines.size());
        assertArrayEquals(ascii("one"), (byte[]) lines.get(0));
        assertArrayEquals(ascii("two"), (byte[]) lines.get(1));
        assertArrayEquals(new byte[0], (byte[]) lines.get(2));
        assertArrayEquals(ascii("three\rfour"), (byte[]) lines.get(3));
    }

    @Test
    void encodesWithCrlfByDefaultOrLfOnRequest() {
        assertArrayEquals(ascii("EHLO x\r\n\r\n"), Wire.encode(Framing.lines(64), ascii("EHLO x"), new byte[0]));
        assertArrayEquals(ascii("a\nb\n"), Wire.encode(Framing.lines(64, LineEnding.LF), ascii("a"), ascii("b")));
        assertEquals("line", Framing.lines(64).description());
    }

    @Test
    void aLineOfExactlyTheLimitPassesEvenWhenItsCrlfArrivesBytewise() {
        byte[] wire = concat(repeat('x', 8), ascii("\r\n"));
        Wire.assertOnlyFrame(repeat('x', 8), Wire.decode(Framing.lines(8).newDecoder(), wire, 1));
    }

    @Test
    void anOverlongLineFailsWithinOneByteOfTheLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lines(8).newDecoder());
        try {
            // The ninth byte might still be the CR of a line end; the tenth settles it.
            Wire.Failure failure = Wire.feedUntilFailure(ch, repeat('x', 100));
            assertEquals(9, failure.index);
            FrameTooLongException e = assertInstanceOf(FrameTooLongException.class, failure.exception.getCause());
            assertEquals(10, e.seen());
            assertEquals(8, e.limit());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void anOverlongLineFoundWholeReportsItsLength() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lines(8, LineEnding.LF).newDecoder());
        try {
            DecoderException e = assertThrows(DecoderException.class,
                    () -> ch.writeInbound(Unpooled.wrappedBuffer(ascii("123456789\nok\n"))));
            assertEquals(9, assertInstanceOf(FrameTooLongException.class, e.getCause()).seen());
            // The next line is intact (delivered with the next read).
            ch.writeInbound(Unpooled.EMPTY_BUFFER);
            Wire.assertOnlyFrame(ascii("ok"), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void encoderRejectsLineFeedsAndATrailingCarriageReturn() {
        DelimiterFramingTest.assertRejected(Framing.lines(64), ascii("a\nb"), "contains a line feed at offset 1");
        DelimiterFramingTest.assertRejected(Framing.lines(64, LineEnding.LF), ascii("a\r"),
                "ends with a carriage return");
        assertArrayEquals(ascii("a\rb\r\n"), Wire.encode(Framing.lines(64), ascii("a\rb")));
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Framing.lines(0));
        assertThrows(NullPointerException.class, () -> Framing.lines(10, null));
    }
}

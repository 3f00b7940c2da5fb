package dev.toolkit.core.framing;

import dev.toolkit.core.error.FrameTooLongException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.toolkit.core.framing.Wire.ascii;
import static dev.toolkit.core.framing.Wire.concat;
import static dev.toolkit.core.framing.Wire.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelimiterFramingTest {

    @Test
    void zenQuestionsAreSplitAtTheQuestionMark() {
        Framer zen = Framing.delimiter("?", 64);
        assertEquals("delimiter b'?'", zen.description());
        byte[] wire = ascii("Beautiful is better than?Explicit is better than?");
        List<Object> frames = Wire.decode(zen.newDecoder(), wire, wire.length);
        assertEquals(2, frames.size());
        assertArrayEquals(ascii("Beautiful is better than"), (byte[]) frames.get(0));
        assertArrayEquals(ascii("Explicit is better than"), (byte[]) frames.get(1));
    }

    @Test
    void encoderAppendsTheDelimiter() {
        assertArrayEquals(ascii("ugly.?Implicit.?"),
                Wire.encode(Framing.delimiter("?", 64), ascii("ugly."), ascii("Implicit.")));
    }

    @Test
    void breachNamesTheBytesSeenAndAnExcerpt() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.delimiter("?", 8).newDecoder());
        try {
            FrameTooLongException tooLong =
                    Wire.failInbound(ch, ascii("abc\r\n\u00ffdefgh"), FrameTooLongException.class);
            assertEquals(11, tooLong.seen());
            assertEquals("b'abc\\r\\n\\xffdefgh'", tooLong.excerpt());
            assertEquals("delimiter b'?' frame exceeds the maximum frame size of 8 bytes (11 bytes seen so far); "
                    + "received b'abc\\r\\n\\xffdefgh'", tooLong.getMessage());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void decodingResumesAfterTheDelimiterThatEndsAnOversizedFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.delimiter("?", 4).newDecoder());
        try {
            assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(ascii("abcdef"))));
            // Still inside the rejected frame: discarded, no second error.
            ch.writeInbound(Unpooled.wrappedBuffer(ascii("ghijkl")));
            ch.writeInbound(Unpooled.wrappedBuffer(ascii("mn?ok?")));
            Wire.assertOnlyFrame(ascii("ok"), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aFrameOfExactlyTheLimitPassesWhileItsMultiByteDelimiterTrickles() {
        byte[] wire = concat(repeat('x', 8), ascii("\r\n.\r\n"));
        Wire.assertOnlyFrame(repeat('x', 8), Wire.decode(Framing.delimiter("\r\n.\r\n", 8).newDecoder(), wire, 1));
    }

    @Test
    void encoderRejectsFramesTheDecoderWouldSplitDifferently() {
        assertRejected(Framing.delimiter("?", 64), ascii("why? because"), "contains the delimiter b'?' at offset 3");
        // "xab" + "aba" = "xababa": the decoder would find "aba" at offset 1, inside the frame.
        assertRejected(Framing.delimiter("aba", 64), ascii("xab"), "at offset 1");
        assertArrayEquals(ascii("xaaba"), Wire.encode(Framing.delimiter("aba", 64), ascii("xa")));
    }

    static void assertRejected(Framer framer, byte[] frame, String expected) {
        EmbeddedChannel ch = new EmbeddedChannel(framer.newEncoder());
        ByteBuf buf = Unpooled.buffer(frame.length).writeBytes(frame);
        try {
            EncoderException e = assertThrows(EncoderException.class, () -> ch.writeOutbound(buf));
            IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(cause.getMessage().contains(expected), cause.getMessage());
            assertEquals(0, buf.refCnt());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void anIncompleteFrameIsDroppedWhenTheInputEnds() {
        assertEquals(List.of(), Wire.decode(Framing.delimiter("?", 64).newDecoder(), ascii("no end"), 2));
    }

    @Test
    void textIsEncodedInUtf8AndCheckedLikeBytes() {
        assertArrayEquals("caf\u00e9\r\nok\r\n".getBytes(StandardCharsets.UTF_8),
                Wire.encode(Framing.lines(64), "caf\u00e9", new StringBuilder("ok")));
        assertArrayEquals(ascii("Ugly.?"), Wire.encode(Framing.delimiter("?", 64), "Ugly."));
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lines(64).newEncoder());
        try {
            EncoderException e = assertThrows(EncoderException.class, () -> ch.writeOutbound("two\nlines"));
            assertTrue(e.getCause().getMessage().contains("line feed at offset 3"), e.getCause().getMessage());
            EncoderException tooLong = assertThrows(EncoderException.class,
                    () -> ch.writeOutbound("\u00e9".repeat(40)));
            assertTrue(tooLong.getCause().getMessage().contains("frame of 80 bytes"), "80 bytes in UTF-8, over 64: "
                    + tooLong.getCause().getMessage());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Framing.delimiter("", 10));
        assertThrows(IllegalArgumentException.class, () -> Framing.delimiter(new byte[0], 10));
        assertThrows(IllegalArgumentException.class, () -> Framing.delimiter("?", 0));
        assertThrows(IllegalArgumentException.class, () -> Framing.delimiter("?", -1));
        assertThrows(NullPointerException.class, () -> Framing.delimiter((String) null, 10));
    }
}

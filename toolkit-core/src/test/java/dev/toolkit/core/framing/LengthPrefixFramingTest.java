package dev.toolkit.core.framing;

import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.toolkit.core.framing.Wire.ascii;
import static dev.toolkit.core.framing.Wire.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LengthPrefixFramingTest {

    @Test
    void blocksListingWireFormatRoundTripsAndEndsWithAZeroLengthBlock() {
        Framer blocks = Framing.lengthPrefix(4, 1024);
        assertEquals("4-byte length prefix", blocks.description());
        byte[] wire = Wire.encode(blocks, ascii("Beautiful is better than ugly."), new byte[0]);
        // struct.pack('!I', 30) + block, then struct.pack('!I', 0).
        assertArrayEquals(concat(new byte[] {0, 0, 0, 30}, ascii("Beautiful is better than ugly."),
                new byte[] {0, 0, 0, 0}), wire);
        List<Object> frames = Wire.decode(blocks.newDecoder(), wire, 1);
        assertEquals(2, frames.size());
        assertArrayEquals(ascii("Beautiful is better than ugly."), (byte[]) frames.get(0));
        assertArrayEquals(new byte[0], (byte[]) frames.get(1));
    }

    @Test
    void littleEndianPrefixesAreWrittenLowByteFirst() {
        assertArrayEquals(concat(new byte[] {3, 0}, ascii("abc")),
                Wire.encode(Framing.lengthPrefix(2, 100, ByteOrder.LITTLE_ENDIAN), ascii("abc")));
        assertEquals("2-byte little-endian length prefix",
                Framing.lengthPrefix(2, 100, ByteOrder.LITTLE_ENDIAN).description());
    }

    @Test
    void aLengthAboveTheLimitFailsAtOnceNamingTheAnnouncedLength() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lengthPrefix(4, 1024).newDecoder());
        try {
            FrameTooLongException tooLong = Wire.failInbound(ch, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff}, FrameTooLongException.class);
            assertEquals(4294967295L, tooLong.seen());
            assertEquals(1024, tooLong.limit());
            assertEquals("4-byte length prefix frame exceeds the maximum frame size of 1024 bytes "
                    + "(4294967295 bytes seen so far); received b'\\xff\\xff\\xff\\xff'", tooLong.getMessage());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void an8ByteLengthBeyondIntegerRangeIsTooLongNotAnOverflow() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lengthPrefix(8, 1024).newDecoder());
        try {
            DecoderException e = assertThrows(DecoderException.class,
                    () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 0, 0, 0, 0})));
            assertEquals(4294967296L, assertInstanceOf(FrameTooLongException.class, e.getCause()).seen());
        } finally {
            ch.finishAndReleaseAll();
        }
        EmbeddedChannel largest = new EmbeddedChannel(Framing.lengthPrefix(8, 1024).newDecoder());
        try {
            DecoderException e = assertThrows(DecoderException.class, () -> largest.writeInbound(
                    Unpooled.wrappedBuffer(new byte[] {0x7f, -1, -1, -1, -1, -1, -1, -1})));
            assertEquals(Long.MAX_VALUE, assertInstanceOf(FrameTooLongException.class, e.getCause()).seen());
        } finally {
            largest.finishAndReleaseAll();
        }
    }

    @Test
    void aNegative8ByteLengthIsMalformedAndEndsDecoding() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lengthPrefix(8, 1024).newDecoder());
        try {
            DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(
                    Unpooled.wrappedBuffer(new byte[] {-1, -1, -1, -1, -1, -1, -1, -2, 'x'})));
            ProtocolViolationException bad = assertInstanceOf(ProtocolViolationException.class, e.getCause());
            assertTrue(!(bad instanceof FrameTooLongException));
            assertTrue(bad.getMessage().startsWith("8-byte length prefix length field 0xfffffffffffffffe "
                    + "(18446744073709551614) is negative"), bad.getMessage());
            assertEquals("b'\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfex'", bad.excerpt());
            // Whatever follows is discarded: a well-formed frame no longer gets through.
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 'y'}));
            assertNull(ch.readInbound());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void decodingResumesAfterAGenuineFrameThatWasTooLong() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lengthPrefix(2, 4).newDecoder());
        try {
            assertThrows(DecoderException.class,
                    () -> ch.writeInbound(Unpooled.wrappedBuffer(concat(new byte[] {0, 6}, ascii("abc")))));
            ch.writeInbound(Unpooled.wrappedBuffer(concat(ascii("def"), new byte[] {0, 2}, ascii("ok"))));
            Wire.assertOnlyFrame(ascii("ok"), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void encoderRejectsWhatThePrefixOrLimitCannotCarry() {
        DelimiterFramingTest.assertRejected(Framing.lengthPrefix(1, 255), new byte[300],
                "frame of 300 bytes exceeds the maximum frame size of 255 bytes");
        DelimiterFramingTest.assertRejected(Framing.lengthPrefix(4, 10), new byte[11],
                "outbound 4-byte length prefix frame of 11 bytes");
    }

    @Test
    void textIsEncodedInUtf8WithItsByteLengthAsThePrefix() {
        // "café" is 5 bytes in UTF-8: the prefix counts bytes, not chars.
        assertArrayEquals(concat(new byte[] {0, 5}, "caf\u00e9".getBytes(StandardCharsets.UTF_8), new byte[] {0, 2},
                ascii("ok"), new byte[] {0, 0}), Wire.encode(Framing.lengthPrefix(2, 100), "caf\u00e9",
                new StringBuilder("ok"), ""));
        // exactly at the limit in bytes, then one byte past it
        assertArrayEquals(concat(new byte[] {10}, "\u00e9".repeat(5).getBytes(StandardCharsets.UTF_8)),
                Wire.encode(Framing.lengthPrefix(1, 10), "\u00e9".repeat(5)));
        EmbeddedChannel ch = new EmbeddedChannel(Framing.lengthPrefix(1, 10).newEncoder());
        try {
            EncoderException tooLong = assertThrows(EncoderException.class, () -> ch.writeOutbound("\u00e9".repeat(5) + "!"));
            assertTrue(tooLong.getCause().getMessage().contains("frame of 11 bytes exceeds the maximum frame size of 10"),
                    tooLong.getCause().getMessage());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void argumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Framing.lengthPrefix(3, 100));
        assertEquals("a length prefix has 1, 2, 4 or 8 bytes, not 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Framing.lengthPrefix(1, 256));
        assertThrows(IllegalArgumentException.class, () -> Framing.lengthPrefix(2, 65536));
        assertThrows(IllegalArgumentException.class, () -> Framing.lengthPrefix(4, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Framing.lengthPrefix(4, 0));
        assertThrows(NullPointerException.class, () -> Framing.lengthPrefix(4, 10, null));
        assertEquals(65535, Framing.lengthPrefix(2, 65535).maxFrameLength());
    }
}

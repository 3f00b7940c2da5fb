package dev.toolkit.core.framing;

import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.FrameTooLongException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static dev.toolkit.core.framing.Wire.ascii;
import static dev.toolkit.core.framing.Wire.concat;
import static dev.toolkit.core.framing.Wire.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every byte-frame framer must do: frames survive a round trip however the bytes are split or
 * coalesced, zero-length and exactly-maximal frames included; a frame over the limit fails with the limit
 * and the bytes seen, as soon as the limit is passed; the encoder refuses an oversized frame and releases it.
 */
class FramerContractTest {

    static final int MAX = 16;
    static final byte[] FULL = ascii("0123456789abcdef");
    static final byte[] BINARY = {0, 1, 2, (byte) 0xff, '\r', '\n', '?', 0x7f};

    /**
     * A framer under test.
     *
     * @param frames valid frames, in order
     * @param oversized the wire form of one frame of {@code MAX + 1} bytes, made without the encoder
     * @param seen the bytes the error must report for {@code oversized} received in one piece
     * @param failsWithin at most how many bytes of {@code oversized} arrive before the decoder fails, or -1
     *     where that depends on the data (compressed frames)
     */
    record Case(String name, Framer framer, List<byte[]> frames, byte[] oversized, long seen, int failsWithin) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The cases whose frames can be too long (a fixed-length frame cannot). */
    static Stream<Case> limitedCases() {
        return cases().filter(c -> c.oversized() != null);
    }

    static Stream<Case> cases() {
        List<byte[]> general = List.of(ascii("Beautiful"), new byte[0], ascii("x"), FULL, new byte[0]);
        List<byte[]> binary = new ArrayList<>(general);
        binary.add(BINARY);
        byte[] tooLong = repeat('a', MAX + 1);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("fixed length", Framing.fixedLength(4),
                List.of(ascii("abcd"), ascii("efgh"), new byte[] {0, '\n', '?', (byte) 0xff}), null, 0, -1));
        cases.add(new Case("delimiter ?", Framing.delimiter("?", MAX), general,
                concat(tooLong, ascii("?")), MAX + 1, MAX + 1));
        cases.add(new Case("multi-byte delimiter", Framing.delimiter("\r\n.\r\n", MAX),
                List.of(ascii("Subject: x"), new byte[0], ascii("a\r\n.b"), FULL), concat(tooLong, ascii("\r\n.\r\n")),
                MAX + 1, MAX + 5));
        cases.add(new Case("lines CRLF", Framing.lines(MAX), general, concat(tooLong, ascii("\r\n")), MAX + 1,
                MAX + 2));
        cases.add(new Case("lines LF", Framing.lines(MAX, LineEnding.LF), general, concat(tooLong, ascii("\n")),
                MAX + 1, MAX + 2));
        for (int prefix : new int[] {1, 2, 4, 8}) {
            cases.add(new Case(prefix + "-byte prefix", Framing.lengthPrefix(prefix, MAX), binary,
                    concat(header(prefix, MAX + 1, ByteOrder.BIG_ENDIAN), tooLong), MAX + 1, prefix));
        }
        for (int prefix : new int[] {2, 4}) {
            cases.add(new Case(prefix + "-byte little-endian prefix",
                    Framing.lengthPrefix(prefix, MAX, ByteOrder.LITTLE_ENDIAN), binary,
                    concat(header(prefix, MAX + 1, ByteOrder.LITTLE_ENDIAN), tooLong), MAX + 1, prefix));
        }
        cases.add(new Case("zlib", Framing.zlib(MAX), binary, zlib(tooLong), MAX + 1, -1));
        cases.add(new Case("gzip", Framing.gzip(MAX), binary, gzip(tooLong), MAX + 1, -1));
        return cases.stream();
    }

    static byte[] header(int prefix, long length, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(8).order(order).putLong(length);
        byte[] all = b.array();
        byte[] h = new byte[prefix];
        // The low-order bytes: the last ones in big-endian, the first ones in little-endian.
        System.arraycopy(all, order == ByteOrder.BIG_ENDIAN ? 8 - prefix : 0, h, 0, prefix);
        return h;
    }

    /** What Python's {@code zlib.compress(data)} makes. */
    static byte[] zlib(byte[] data) {
        return deflate(data, false);
    }

    /** What Python's {@code gzip.compress(data)} makes (with a zero time stamp). */
    static byte[] gzip(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue()).putInt(data.length);
        return concat(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, deflate(data, true),
                trailer.array());
    }

    static byte[] deflate(byte[] data, boolean raw) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[256];
            while (!d.finished()) {
                out.write(chunk, 0, d.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static void assertFrames(List<byte[]> expected, List<Object> actual) {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), (byte[]) actual.get(i), "frame " + i);
        }
    }

    static byte[] wire(Case c) {
        return Wire.encode(c.framer(), c.frames().toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void coalescedFramesDecodeFromOneBuffer(Case c) {
        byte[] wire = wire(c);
        assertFrames(c.frames(), Wire.decode(c.framer().newDecoder(), wire, wire.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesDecodeFromSingleBytes(Case c) {
        assertFrames(c.frames(), Wire.decode(c.framer().newDecoder(), wire(c), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesDecodeWhereverTheStreamIsSplit(Case c) {
        byte[] wire = wire(c);
        for (int at = 1; at < wire.length; at++) {
            assertFrames(c.frames(), Wire.decodeSplit(c.framer().newDecoder(), wire, at));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitedCases")
    void oversizedFrameInOneBufferFailsNamingLimitAndBytesSeen(Case c) {
        EmbeddedChannel ch = new EmbeddedChannel(c.framer().newDecoder());
        try {
            FrameTooLongException tooLong = Wire.failInbound(ch, c.oversized(), FrameTooLongException.class);
            assertEquals(MAX, tooLong.limit());
            assertEquals(c.seen(), tooLong.seen());
            assertTrue(tooLong.getMessage().contains("maximum frame size of " + MAX + " bytes ("
                    + c.seen() + " bytes seen so far)"), tooLong.getMessage());
            assertNotNull(tooLong.excerpt());
            assertSame(tooLong, Exceptions.map(new DecoderException(tooLong)));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitedCases")
    void oversizedFrameFailsBeforeItHasArrivedInFull(Case c) {
        EmbeddedChannel ch = new EmbeddedChannel(c.framer().newDecoder());
        try {
            Wire.Failure failure = Wire.feedUntilFailure(ch, c.oversized());
            assertNotNull(failure, "no failure");
            FrameTooLongException tooLong = assertInstanceOf(FrameTooLongException.class,
                    failure.exception.getCause());
            assertEquals(MAX, tooLong.limit());
            assertTrue(tooLong.seen() > MAX, "seen " + tooLong.seen());
            if (c.failsWithin() >= 0) {
                assertTrue(failure.index < c.failsWithin(), "failed at byte " + (failure.index + 1));
            }
            // The rest of the rejected frame is discarded without another error.
            int rest = failure.index + 1;
            ch.writeInbound(Unpooled.wrappedBuffer(c.oversized(), rest, c.oversized().length - rest));
            assertEquals(List.of(), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encoderRejectsAnOversizedFrameAndReleasesIt(Case c) {
        EmbeddedChannel ch = new EmbeddedChannel(c.framer().newEncoder());
        ByteBuf frame = Unpooled.wrappedBuffer(repeat('a', c.framer().maxFrameLength() + 1));
        try {
            EncoderException e = assertThrows(EncoderException.class, () -> ch.writeOutbound(frame));
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals(0, frame.refCnt());
            assertEquals(0, Wire.drainOutbound(ch).length);
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}

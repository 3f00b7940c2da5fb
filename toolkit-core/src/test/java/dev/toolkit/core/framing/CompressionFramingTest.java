package dev.toolkit.core.framing;

import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import static dev.toolkit.core.framing.Wire.ascii;
import static dev.toolkit.core.framing.Wire.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompressionFramingTest {

    /** {@code zlib.compress(b'Python') + zlib.compress(b'zlib')}, as Python writes them. */
    static final byte[] PYTHON_ZLIB = bytes(120, 156, 11, 168, 44, 201, 200, 207, 3, 0, 8, 151, 2, 131, 120, 156,
            171, 202, 201, 76, 2, 0, 4, 100, 1, 178);
    /** {@code gzip.compress(b'Python', mtime=0)}. */
    static final byte[] PYTHON_GZIP = bytes(31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 11, 168, 44, 201, 200, 207, 3, 0, 142,
            189, 120, 163, 6, 0, 0, 0);

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void readsConcatenatedStreamsAsPythonWritesThem() {
        for (int chunk : new int[] {1, 3, PYTHON_ZLIB.length}) {
            List<Object> frames = Wire.decode(Framing.zlib(64).newDecoder(), PYTHON_ZLIB, chunk);
            assertEquals(2, frames.size());
            assertArrayEquals(ascii("Python"), (byte[]) frames.get(0));
            assertArrayEquals(ascii("zlib"), (byte[]) frames.get(1));
        }
        List<Object> frames = Wire.decode(Framing.gzip(64).newDecoder(), concat(PYTHON_GZIP, PYTHON_GZIP), 1);
        assertEquals(2, frames.size());
        assertArrayEquals(ascii("Python"), (byte[]) frames.get(1));
    }

    @Test
    void writesStreamsThatStandardReadersAccept() throws IOException {
        byte[] zlib = Wire.encode(Framing.zlib(64), ascii("Python"));
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(zlib))) {
            assertArrayEquals(ascii("Python"), in.readAllBytes());
        }
        // Two gzip members make a valid gzip file holding both texts, as `gzip -d` would read it.
        byte[] gzip = Wire.encode(Framing.gzip(64), ascii("Python, "), ascii("gzip"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertArrayEquals(ascii("Python, gzip"), in.readAllBytes());
        }
    }

    @Test
    void gzipHeadersWithOptionalFieldsAreSkipped() {
        byte[] body = FramerContractTest.deflate(ascii("named"), true);
        CRC32 crc = new CRC32();
        crc.update(ascii("named"));
        byte[] header = concat(bytes(0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3), bytes(3, 0),
                ascii("xyz"), ascii("file.txt\0"), ascii("a comment\0"), bytes(0x12, 0x34));
        byte[] trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
                .putInt(5).array();
        Wire.assertOnlyFrame(ascii("named"),
                Wire.decode(Framing.gzip(64).newDecoder(), concat(header, body, trailer), 1));
    }

    @Test
    void aDecompressionBombFailsOnceTheLimitIsPassed() {
        byte[] bomb = FramerContractTest.zlib(new byte[8 << 20]);
        assertTrue(bomb.length < 16 * 1024, "compressed size " + bomb.length);
        EmbeddedChannel ch = new EmbeddedChannel(Framing.zlib(1 << 20).newDecoder());
        try {
            FrameTooLongException tooLong = Wire.failInbound(ch, bomb, FrameTooLongException.class);
            assertEquals(1 << 20, tooLong.limit());
            assertEquals((1 << 20) + 1, tooLong.seen());
            assertTrue(tooLong.getMessage().startsWith("decompressed zlib frame exceeds the maximum frame size of "
                    + "1048576 bytes (1048577 bytes seen so far)"), tooLong.getMessage());
            // The rest of the input is discarded.
            ch.writeInbound(Unpooled.wrappedBuffer(PYTHON_ZLIB));
            assertNull(ch.readInbound());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void corruptStreamsAreProtocolViolations() {
        assertCorrupt(Framing.zlib(64), bytes(0x78, 0x00, 1, 2, 3), "corrupt zlib frame: incorrect header check");
        byte[] badChecksum = PYTHON_ZLIB.clone();
        badChecksum[13] ^= 1;
        assertCorrupt(Framing.zlib(64), badChecksum, "corrupt zlib frame: incorrect data check");
        byte[] badCrc = PYTHON_GZIP.clone();
        badCrc[18] ^= 1;
        assertCorrupt(Framing.gzip(64), badCrc, "corrupt gzip frame: CRC-32 of the data is 0xa378bd8e, "
                + "the trailer says 0xa378bd8f");
        byte[] badSize = PYTHON_GZIP.clone();
        badSize[22] = 7;
        assertCorrupt(Framing.gzip(64), badSize, "corrupt gzip frame: 6 bytes decompressed, the trailer says 7");
        assertCorrupt(Framing.gzip(64), PYTHON_ZLIB, "malformed gzip frame: not a gzip header (bad magic number)");
        assertCorrupt(Framing.gzip(64), bytes(0x1f, 0x8b, 8, 0x20, 0, 0, 0, 0, 0, 3),
                "malformed gzip frame: reserved gzip header flags set: 0x20");
    }

    @Test
    void anEndlessGzipFileNameIsRejected() {
        byte[] name = new byte[9000];
        java.util.Arrays.fill(name, (byte) 'n');
        assertCorrupt(Framing.gzip(64), concat(bytes(0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3), name),
                "malformed gzip frame: gzip header longer than 8192 bytes");
    }

    @Test
    void aStreamNeedingAPresetDictionaryIsRejected() {
        Deflater d = new Deflater();
        d.setDictionary(ascii("dictionary"));
        d.setInput(ascii("dictionary words"));
        d.finish();
        byte[] out = new byte[64];
        int n = d.deflate(out);
        d.end();
        assertCorrupt(Framing.zlib(64), java.util.Arrays.copyOf(out, n),
                "malformed zlib frame: it needs a preset dictionary");
    }

    static void assertCorrupt(Framer framer, byte[] wire, String message) {
        EmbeddedChannel ch = new EmbeddedChannel(framer.newDecoder());
        try {
            ProtocolViolationException bad = Wire.failInbound(ch, wire, ProtocolViolationException.class);
            assertFalse(bad instanceof FrameTooLongException);
            assertTrue(bad.getMessage().startsWith(message), bad.getMessage());
            assertNotNull(bad.excerpt());
            ch.writeInbound(Unpooled.wrappedBuffer(PYTHON_ZLIB));
            assertNull(ch.readInbound());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aTruncatedStreamIsDroppedWhenTheInputEnds() {
        byte[] half = java.util.Arrays.copyOf(PYTHON_GZIP, 15);
        assertEquals(List.of(), Wire.decode(Framing.gzip(64).newDecoder(), half, 1));
    }

    @Test
    void stacksUnderALineFramer() {
        EmbeddedChannel sender = new EmbeddedChannel();
        EmbeddedChannel receiver = new EmbeddedChannel();
        try {
            for (EmbeddedChannel ch : List.of(sender, receiver)) {
                Framing.zlib(1024).addTo(ch.pipeline());
                Framing.lines(64).addTo(ch.pipeline());
            }
            assertEquals(List.of("zlib-decoder", "zlib-encoder", "line-decoder", "line-encoder"),
                    sender.pipeline().names().subList(0, 4));
            sender.writeOutbound(Unpooled.wrappedBuffer(ascii("first")), Unpooled.wrappedBuffer(ascii("second")));
            byte[] wire = Wire.drainOutbound(sender);
            // One compressed frame per line, each holding the line and its CRLF.
            List<Object> compressed = Wire.decode(Framing.zlib(1024).newDecoder(), wire, wire.length);
            assertEquals(2, compressed.size());
            assertArrayEquals(ascii("first\r\n"), (byte[]) compressed.get(0));
            assertArrayEquals(ascii("second\r\n"), (byte[]) compressed.get(1));
            for (byte b : wire) {
                receiver.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
            List<Object> lines = Wire.drainInbound(receiver);
            assertEquals(2, lines.size());
            assertArrayEquals(ascii("first"), (byte[]) lines.get(0));
            assertArrayEquals(ascii("second"), (byte[]) lines.get(1));
        } finally {
            sender.finishAndReleaseAll();
            receiver.finishAndReleaseAll();
        }
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Framing.zlib(0));
        assertThrows(IllegalArgumentException.class, () -> Framing.gzip(-1));
        assertEquals("gzip", Framing.gzip(10).description());
    }
}

package dev.toolkit.core.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Drives framing handlers on an {@link EmbeddedChannel} and turns what comes out into plain values. */
final class Wire {

    private Wire() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Copies and releases a received buffer. */
    static byte[] take(Object msg) {
        ByteBuf buf = assertInstanceOf(ByteBuf.class, msg);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /** Encodes {@code messages} with a fresh encoder and returns the bytes it wrote, in order. */
    static byte[] encode(Framer framer, Object... messages) {
        EmbeddedChannel ch = new EmbeddedChannel(framer.newEncoder());
        try {
            for (Object m : messages) {
                ch.writeOutbound(m instanceof byte[] ? Unpooled.wrappedBuffer((byte[]) m) : m);
            }
            return drainOutbound(ch);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    static byte[] drainOutbound(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object m; (m = ch.readOutbound()) != null; ) {
            out.writeBytes(take(m));
        }
        return out.toByteArray();
    }

    /** Decodes {@code wire} with a fresh decoder, written in chunks of {@code chunk} bytes, then closes. */
    static List<Object> decode(ChannelHandler decoder, byte[] wire, int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        try {
            for (int i = 0; i < wire.length; i += chunk) {
                ch.writeInbound(Unpooled.wrappedBuffer(wire, i, Math.min(chunk, wire.length - i)));
            }
            ch.finish();
            return drainInbound(ch);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** Decodes {@code wire} split once at {@code at}. */
    static List<Object> decodeSplit(ChannelHandler decoder, byte[] wire, int at) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, at));
            ch.writeInbound(Unpooled.wrappedBuffer(wire, at, wire.length - at));
            ch.finish();
            return drainInbound(ch);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** Everything read so far; buffers are copied to byte arrays and released. */
    static List<Object> drainInbound(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            out.add(m instanceof ByteBuf ? take(m) : m);
        }
        return out;
    }

    /** Writes {@code wire} one byte at a time until the channel fails; returns the failure and where. */
    static Failure feedUntilFailure(EmbeddedChannel ch, byte[] wire) {
        for (int i = 0; i < wire.length; i++) {
            try {
                ch.writeInbound(Unpooled.wrappedBuffer(wire, i, 1));
            } catch (RuntimeException e) {
                return new Failure(i, e);
            }
        }
        return null;
    }

    /** A failure raised while writing the byte at {@code index}. */
    static final class Failure {
        final int index;
        final RuntimeException exception;

        Failure(int index, RuntimeException exception) {
            this.index = index;
            this.exception = exception;
        }
    }

    /** Asserts that {@code frames} holds exactly one frame, {@code expected}. */
    static void assertOnlyFrame(byte[] expected, List<Object> frames) {
        assertEquals(1, frames.size(), "frame count");
        assertArrayEquals(expected, (byte[]) frames.get(0));
    }

    /** Writes {@code bytes} in one buffer, expects the decoder to fail, and returns the cause of its failure. */
    static <T extends Throwable> T failInbound(EmbeddedChannel ch, byte[] bytes, Class<T> cause) {
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(bytes)));
        return assertInstanceOf(cause, e.getCause());
    }
}

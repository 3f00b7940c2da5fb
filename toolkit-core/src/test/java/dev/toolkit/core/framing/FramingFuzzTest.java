package dev.toolkit.core.framing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.testing.fuzz.FuzzTarget;
import dev.toolkit.testing.fuzz.Fuzzing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fuzzes every framing decoder with one target, to keep the fuzzing budget small. Input layout: byte 0 picks
 * the framer (its index in {@link #FRAMERS}, modulo their number), byte 1 the size of the chunks the rest is
 * written in (1 to 256 bytes), and the rest is the byte stream the decoder reads, then the input ends.
 *
 * <p>Bad input may fail only with a toolkit exception (wrapped by Netty in a {@code DecoderException}); every
 * frame respects the limit; every buffer written, and every frame once its reader releases it, is released.
 */
class FramingFuzzTest {

    /** Small limits, so that the fuzzer reaches them. */
    static final List<Framer> FRAMERS = List.of(
            Framing.delimiter("?", 32),
            Framing.delimiter("\r\n.\r\n", 48),
            Framing.lines(32),
            Framing.lengthPrefix(1, 40),
            Framing.lengthPrefix(2, 64),
            Framing.lengthPrefix(4, 64, ByteOrder.LITTLE_ENDIAN),
            Framing.lengthPrefix(8, 64),
            Framing.fixedLength(7),
            Framing.endOfFile(64),
            Framing.json(96),
            Framing.jsonLines(64),
            Framing.zlib(256),
            Framing.gzip(256));

    private static final Predicate<Throwable> CLEAR = Fuzzing.clearErrorsOf(ToolkitException.class);

    @FuzzTarget
    void decode(byte[] input) {
        Fuzzing.exercise(() -> decodeOnce(input), CLEAR);
    }

    private static void decodeOnce(byte[] input) {
        if (input.length < 2) {
            return;
        }
        Framer framer = FRAMERS.get((input[0] & 0xff) % FRAMERS.size());
        int chunk = (input[1] & 0xff) + 1;
        List<ByteBuf> written = Fuzzing.chunks(input, 2, chunk);
        EmbeddedChannel channel = new EmbeddedChannel(framer.newDecoder());
        Fuzzing.writeEachInbound(channel, written, CLEAR);
        List<Object> frames = Fuzzing.finish(channel, CLEAR);
        try {
            for (Object frame : frames) {
                if (frame instanceof ByteBuf) {
                    int length = ((ByteBuf) frame).readableBytes();
                    if (length > framer.maxFrameLength()) {
                        throw new AssertionError(framer + " delivered a frame of " + length + " bytes");
                    }
                } else if (!(frame instanceof JsonNode)) {
                    throw new AssertionError(framer + " delivered " + frame.getClass().getName());
                }
            }
        } finally {
            Fuzzing.releaseAll(frames);
        }
        Fuzzing.assertAllReleased(framer + " input buffer", written);
        Fuzzing.assertAllReleased(framer + " frame", frames);
    }
}

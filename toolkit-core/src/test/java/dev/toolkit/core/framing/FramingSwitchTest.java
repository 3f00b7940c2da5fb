package dev.toolkit.core.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.toolkit.core.framing.Wire.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Switching framing at a frame boundary with {@link Framer#replaceDecoder}, on {@link EmbeddedChannel}. */
class FramingSwitchTest {

    /** Lines, a 13-byte chunk holding line ends of its own, lines, a chunk at the very end, then a line. */
    private static final byte[] WIRE = ascii("HELO x\r\nBDAT 13\r\nnot\r\na line\r\nQUIT\r\nBDAT 3\r\nabcend\r\n");
    private static final String ANSWERS = "line HELO x\r\nchunk not\r\na line\r\n\r\nline QUIT\r\nchunk abc\r\nline end\r\n";

    @Test
    void coalescedBytesAfterTheBoundaryReachTheNewDecoder() {
        assertEquals(ANSWERS, run(WIRE.length));
    }

    @Test
    void everySplitOfTheStreamGivesTheSameFrames() {
        for (int chunk = 1; chunk < WIRE.length; chunk++) {
            assertEquals(ANSWERS, run(chunk), "reads of " + chunk + " bytes");
        }
        for (int at = 1; at < WIRE.length; at++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(WIRE, 0, at));
            ch.writeInbound(Unpooled.wrappedBuffer(WIRE, at, WIRE.length - at));
            assertEquals(ANSWERS, answers(ch), "split at " + at);
        }
    }

    @Test
    void theNewDecoderTakesTheOldOnesNameOrItsOwn() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Framing.lines(10).addTo(ch.pipeline());
        assertEquals("line-decoder", Framing.lines(20).replaceDecoder(ch.pipeline(), "line-decoder"));
        assertEquals("fixed-length-decoder", Framing.fixedLength(4).replaceDecoder(ch.pipeline(), "line-decoder"));
        assertTrue(ch.pipeline().names().contains("line-encoder"), "the encoder stays");
        ch.finishAndReleaseAll();
    }

    @Test
    void unknownOrUnsuitableHandlersAreRefused() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("plain", new ChannelInboundHandlerAdapter());
        Framing.lines(10).addTo(ch.pipeline());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Framing.lines(10).replaceDecoder(ch.pipeline(), "nope"));
        assertTrue(none.getMessage().contains("no handler named nope"), none.getMessage());
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> Framing.lines(10).replaceDecoder(ch.pipeline(), "plain"));
        assertTrue(plain.getMessage().contains("not a ByteToMessageDecoder"), plain.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void unreadBytesAreNotLeakedWhenTheChannelClosesMidChunk() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(ascii("BDAT 100\r\npartial")));
        ch.finishAndReleaseAll();
        assertEquals("", answers(ch));
    }

    private static String run(int chunk) {
        EmbeddedChannel ch = channel();
        for (int i = 0; i < WIRE.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(WIRE, i, Math.min(chunk, WIRE.length - i)));
        }
        return answers(ch);
    }

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        new ChunkedLinesProtocol().initialize(ch);
        return ch;
    }

    private static String answers(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        for (Object m; (m = ch.readOutbound()) != null; ) {
            ByteBuf buf = assertInstanceOf(ByteBuf.class, m);
            sb.append(new String(ByteBufUtil.getBytes(buf), StandardCharsets.ISO_8859_1));
            buf.release();
        }
        ch.finishAndReleaseAll();
        return sb.toString();
    }
}

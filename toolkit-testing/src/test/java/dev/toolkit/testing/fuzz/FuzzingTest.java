package dev.toolkit.testing.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fuzz targets' shared checks, outside any fuzzer. */
class FuzzingTest {

    private static final Predicate<Throwable> CLEAR = Fuzzing.clearErrorsOf(IllegalStateException.class);

    @Test
    void aClearErrorIsOfAnAcceptedTypeOrWrappedInADecoderExceptionAndHasAMessage() {
        assertTrue(CLEAR.test(new IllegalStateException("bad length at offset 3")));
        assertTrue(CLEAR.test(new DecoderException(new IllegalStateException("bad length"))));
        assertFalse(CLEAR.test(new IllegalStateException()));
        assertFalse(CLEAR.test(new IllegalStateException(" ")));
        assertFalse(CLEAR.test(new DecoderException(new IndexOutOfBoundsException("index 9"))));
        assertFalse(CLEAR.test(new StackOverflowError()));
    }

    @Test
    void exercisePassesClearErrorsAndFailsOnEverythingElse() {
        long before = Fuzzing.executions();
        Fuzzing.exercise(() -> {
            throw new IllegalStateException("malformed");
        }, CLEAR);
        UncheckedIOException unexpected = new UncheckedIOException("x", new java.io.IOException("y"));
        AssertionError bug = assertThrows(AssertionError.class, () -> Fuzzing.exercise(() -> {
            throw unexpected;
        }, CLEAR));
        assertSame(unexpected, bug.getCause());
        AssertionError check = new AssertionError("a frame of 70 bytes");
        assertSame(check, assertThrows(AssertionError.class, () -> Fuzzing.exercise(() -> {
            throw check;
        }, CLEAR)));
        assertEquals(before + 3, Fuzzing.executions());
    }

    @Test
    void writingGoesOnAfterAClearErrorAndStopsWhenTheChannelCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                String text = ((ByteBuf) msg).toString(java.nio.charset.StandardCharsets.US_ASCII);
                ((ByteBuf) msg).release();
                if (text.equals("bad")) {
                    throw new IllegalStateException("bad input");
                }
                if (text.equals("close")) {
                    ctx.close();
                }
            }
        });
        List<ByteBuf> input = List.of(buffer("bad"), buffer("ok"), buffer("close"), buffer("never read"));
        assertEquals(1, Fuzzing.writeEachInbound(channel, input, CLEAR));
        assertFalse(channel.isOpen());
        assertEquals(List.of(), Fuzzing.finish(channel, CLEAR));
        Fuzzing.assertAllReleased("input", input);
    }

    @Test
    void aBufferStillHeldIsNamed() {
        ByteBuf held = buffer("held");
        AssertionError e = assertThrows(AssertionError.class,
                () -> Fuzzing.assertAllReleased("frame", List.of(held)));
        assertTrue(e.getMessage().startsWith("frame #0 still held (refCnt 1)"), e.getMessage());
        held.release();
    }

    private static ByteBuf buffer(String text) {
        return Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.US_ASCII);
    }
}

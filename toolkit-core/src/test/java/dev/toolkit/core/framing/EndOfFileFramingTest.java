package dev.toolkit.core.framing;

import dev.toolkit.core.error.FrameTooLongException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.toolkit.core.framing.Wire.ascii;
import static dev.toolkit.core.framing.Wire.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndOfFileFramingTest {

    /** Records what reaches it, in order: frames as byte arrays, events as themselves. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(Wire.take(msg));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            seen.add(evt);
        }
    }

    @Test
    void everythingUntilTheInputShutdownIsOneFrameDeliveredBeforeTheEvent() {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(Framing.endOfFile(1024).newDecoder(), recorder);
        try {
            // The streamer listing: three lines, then the client shuts down its output.
            for (String part : new String[] {"Beautiful is better than ugly.\n", "Explicit is better than implicit.\n",
                "Simple is better than complex.\n"}) {
                byte[] bytes = ascii(part);
                for (byte b : bytes) {
                    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
                }
            }
            assertEquals(List.of(), recorder.seen);
            ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            assertEquals(2, recorder.seen.size());
            assertArrayEquals(ascii("Beautiful is better than ugly.\nExplicit is better than implicit.\n"
                    + "Simple is better than complex.\n"), (byte[]) recorder.seen.get(0));
            assertEquals(ChannelInputShutdownEvent.INSTANCE, recorder.seen.get(1));
            // Closing later delivers nothing more.
            ch.close();
            assertEquals(2, recorder.seen.size());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void closingWithoutHalfClosureDeliversTheFrameToo() {
        byte[] wire = ascii("whole message");
        Wire.assertOnlyFrame(wire, Wire.decode(Framing.endOfFile(64).newDecoder(), wire, 4));
    }

    @Test
    void anEmptyInputIsAnEmptyFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.endOfFile(64).newDecoder());
        try {
            ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            Wire.assertOnlyFrame(new byte[0], Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void theLimitIsEnforcedWhileAccumulatingAndNothingIsDeliveredAfterIt() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.endOfFile(10).newDecoder());
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(repeat('a', 6)));
            FrameTooLongException tooLong = Wire.failInbound(ch, repeat('b', 6), FrameTooLongException.class);
            assertEquals(12, tooLong.seen());
            assertEquals("b'aaaaaabbbbbb'", tooLong.excerpt());
            assertEquals("end-of-file frame exceeds the maximum frame size of 10 bytes (12 bytes seen so far); "
                    + "received b'aaaaaabbbbbb'", tooLong.getMessage());
            ch.writeInbound(Unpooled.wrappedBuffer(repeat('c', 100)));
            ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            ch.finish();
            assertEquals(List.of(), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aFrameOfExactlyTheLimitIsDelivered() {
        Wire.assertOnlyFrame(repeat('a', 10), Wire.decode(Framing.endOfFile(10).newDecoder(), repeat('a', 10), 1));
    }

    @Test
    void encoderPassesBytesOnAndCountsThemAgainstTheLimit() {
        Framer eof = Framing.endOfFile(10);
        assertArrayEquals(ascii("abcdefghij"), Wire.encode(eof, ascii("abcd"), ascii("efghij")));
        EmbeddedChannel ch = new EmbeddedChannel(eof.newEncoder());
        try {
            ch.writeOutbound(Unpooled.wrappedBuffer(ascii("abcdefgh")));
            ByteBuf more = Unpooled.buffer(3).writeBytes(ascii("ijk"));
            EncoderException e = assertThrows(EncoderException.class, () -> ch.writeOutbound(more));
            assertEquals("outbound end-of-file frame of 11 bytes exceeds the maximum frame size of 10 bytes",
                    assertInstanceOf(IllegalArgumentException.class, e.getCause()).getMessage());
            assertEquals(0, more.refCnt());
            assertArrayEquals(ascii("abcdefgh"), Wire.drainOutbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}

package dev.toolkit.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartTlsHandlerTest {

    /** A line protocol that answers STARTTLS with 220 and upgrades; "tls" stands in for the real handlers. */
    static final class Protocol extends ChannelInboundHandlerAdapter {
        final List<String> commands = new ArrayList<>();
        final List<Object> events = new ArrayList<>();
        final StartTlsHandler startTls;
        final List<String> tlsSaw = new ArrayList<>();
        StartTlsHandler.StartTlsUpgraded result;

        Protocol(StartTlsHandler startTls) {
            this.startTls = startTls;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf line = (ByteBuf) msg;
            String command = line.toString(StandardCharsets.US_ASCII);
            line.release();
            commands.add(command);
            if (command.equals("STARTTLS")) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("220 Go ahead\r\n", StandardCharsets.US_ASCII));
                result = startTls.upgrade(ch -> ch.pipeline().addFirst("tls", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext c, Object m) {
                        tlsSaw.add(((ByteBuf) m).toString(StandardCharsets.US_ASCII));
                        c.fireChannelRead(m);
                    }
                }));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }
    }

    private static Protocol protocol(EmbeddedChannel ch) {
        StartTlsHandler startTls = new StartTlsHandler(() -> new LineBasedFrameDecoder(1024));
        Protocol p = new Protocol(startTls);
        ch.pipeline().addLast(startTls, p);
        return p;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void commandsPipelinedBehindStartTlsAreDiscardedAndReported() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Protocol p = protocol(ch);
        ch.writeInbound(ascii("EHLO x\r\nSTARTTLS\r\nMAIL FROM:<evil@example.com>\r\n"));
        assertEquals(List.of("EHLO x", "STARTTLS"), p.commands);
        assertEquals(30, p.result.discardedBytes());
        assertTrue(p.result.excerpt().contains("MAIL FROM"), p.result.excerpt());
        assertEquals(List.of(p.result), p.events);
        ByteBuf reply = ch.readOutbound();
        assertEquals("220 Go ahead\r\n", reply.toString(StandardCharsets.US_ASCII));
        reply.release();
        // after the upgrade every byte goes through TLS first, then a fresh framing decoder
        ch.writeInbound(ascii("QUIT\r\n"));
        assertEquals(List.of("QUIT\r\n"), p.tlsSaw);
        assertEquals(List.of("EHLO x", "STARTTLS", "QUIT"), p.commands);
        assertTrue(ch.pipeline().names().indexOf("tls") < ch.pipeline().names().indexOf(StartTlsHandler.FRAMING));
        ch.finishAndReleaseAll();
    }

    @Test
    void aCleanBoundaryDiscardsNothingEvenWhenSplitByteByByte() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Protocol p = protocol(ch);
        for (byte b : "STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals(0, p.result.discardedBytes());
        assertEquals("", p.result.excerpt());
        assertThrows(IllegalStateException.class, () -> p.startTls.upgrade(c -> { }));
        ch.finishAndReleaseAll();
    }

    @Test
    void partialLineBeforeTheUpgradeIsDiscarded() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Protocol p = protocol(ch);
        ch.writeInbound(ascii("STARTTLS\r\nRCPT"));
        assertEquals(4, p.result.discardedBytes());
        ch.finishAndReleaseAll();
    }
}

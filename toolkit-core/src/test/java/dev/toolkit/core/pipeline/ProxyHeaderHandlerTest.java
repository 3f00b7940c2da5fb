package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header handler with the detector and decoder in front of it, as a server connection runs them. */
class ProxyHeaderHandlerTest {

    /** Records what reaches the protocol. */
    private static final class Protocol extends ChannelInboundHandlerAdapter {
        final List<String> events = new ArrayList<>();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            events.add("active");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            events.add("read " + ((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
            ((ByteBuf) msg).release();
        }
    }

    @Test
    void bytesAfterAMalformedHeaderNeverReachTheProtocol() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        // version 2 PROXY, TCP over IPv6, 43 bytes: addresses, ports, then a TLV announcing 512 bytes of 4
        wire.writeBytes(new byte[] {0x21, 0x21, 0, 43});
        for (int i = 0; i < 32; i++) {
            wire.write(i);
        }
        wire.writeBytes(new byte[] {0, 1, 0, 120, 2, 2, 0, 4, 'h', 'o', 's'});
        wire.writeBytes("What is the answer?".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = wire.toByteArray();
        Protocol protocol = new Protocol();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(ProxyProtocolDetector.NAME, new ProxyProtocolDetector(ProxyProtocol.REQUIRED))
                .addLast(ProxyHeaderHandler.NAME, new ProxyHeaderHandler("test", Duration.ofSeconds(10)))
                .addLast(protocol);
        channel.pipeline().fireChannelActive();
        List<ByteBuf> written = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < bytes.length && channel.isOpen(); i += 16) {
            ByteBuf chunk = Unpooled.copiedBuffer(bytes, i, Math.min(16, bytes.length - i));
            written.add(chunk);
            try {
                channel.writeInbound(chunk);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        channel.finishAndReleaseAll();
        assertEquals(List.of(), protocol.events);
        assertEquals(1, failures.size(), failures.toString());
        ProtocolViolationException e = assertInstanceOf(ProtocolViolationException.class, failures.get(0));
        assertTrue(e.getMessage().startsWith("an invalid PROXY protocol header"), e.getMessage());
        for (ByteBuf chunk : written) {
            assertEquals(0, chunk.refCnt());
        }
    }
}

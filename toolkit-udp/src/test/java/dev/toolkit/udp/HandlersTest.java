package dev.toolkit.udp;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.ProtocolViolationException;
import dev.toolkit.core.error.ToolkitException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The toolkit's datagram handlers and the request codec on Netty's {@link EmbeddedChannel}. */
class HandlersTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5555);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.2", 5555);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 1060);

    private static DatagramPacket packet(InetSocketAddress from, byte[] bytes) {
        return new DatagramPacket(Unpooled.wrappedBuffer(bytes), LOCAL, from);
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] out = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), out);
        return out;
    }

    @Test
    void codecEncodesKindIdAndPayload() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameCodec(false));
        try {
            channel.writeOutbound(new RequestFrame(RequestFrame.REQUEST, 0x01020304,
                    Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII), PEER));
            DatagramPacket out = channel.readOutbound();
            assertEquals(PEER, out.recipient());
            assertArrayEquals(new byte[] {'Q', 1, 2, 3, 4, 'h', 'i'}, bytes(out.content()));
            out.release();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void codecDecodesRepliesOnTheClientSide() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameCodec(false));
        try {
            channel.writeInbound(packet(PEER, new byte[] {'R', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe,
                    'o', 'k'}));
            RequestFrame frame = channel.readInbound();
            assertEquals(RequestFrame.REPLY, frame.kind());
            assertEquals("4294967294", RequestFrame.idText(frame.id()));
            assertEquals(PEER, frame.peer());
            assertEquals("ok", frame.content().toString(StandardCharsets.US_ASCII));
            frame.release();
            channel.writeInbound(packet(PEER, new byte[] {'E', 0, 0, 0, 1}));
            RequestFrame error = channel.readInbound();
            assertEquals(RequestFrame.ERROR, error.kind());
            assertEquals(0, error.content().readableBytes());
            error.release();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void codecRejectsShortAndWrongKindDatagramsAndGoesOn() {
        List<byte[]> bad = List.of(new byte[0], new byte[] {'Q', 0, 0, 0}, new byte[] {'R', 0, 0, 0, 1},
                new byte[] {'x', 0, 0, 0, 1, 'y'});
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameCodec(true));
        try {
            for (byte[] datagram : bad) {
                // EmbeddedChannel rethrows what the codec fired down the pipeline
                ProtocolViolationException e = assertThrows(ProtocolViolationException.class,
                        () -> channel.writeInbound(packet(PEER, datagram)));
                assertTrue(e.getMessage().startsWith("malformed datagram"), e.getMessage());
                assertTrue(e.getMessage().contains(PEER.toString()), e.getMessage());
                assertNull(channel.readInbound());
            }
            channel.writeInbound(packet(PEER, new byte[] {'Q', 0, 0, 0, 9, 'z'}));
            RequestFrame frame = channel.readInbound();
            assertEquals(9, frame.id());
            frame.release();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void truncationGuardPassesWholeDatagramsAndReportsFullBuffers() {
        DatagramMetrics metrics = new DatagramMetrics();
        List<ToolkitException> reported = new ArrayList<>();
        DatagramErrors errors = new DatagramErrors("test", metrics, (source, e) -> reported.add(e));
        EmbeddedChannel channel = new EmbeddedChannel(new TruncationGuard(8, metrics, errors));
        try {
            channel.writeInbound(packet(PEER, new byte[8]));
            DatagramPacket whole = channel.readInbound();
            assertEquals(8, whole.content().readableBytes());
            whole.release();
            // a datagram that filled the 9-byte buffer was cut short by the system
            assertFalse(channel.writeInbound(packet(PEER, new byte[9])));
            assertEquals(1, metrics.truncated());
            assertEquals(1, metrics.errors(ErrorKind.PROTOCOL));
            FrameTooLongException tooLong = assertInstanceOf(FrameTooLongException.class, reported.get(0));
            assertEquals(8, tooLong.limit());
            assertEquals(9, TruncationGuard.bufferSize(8));
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void rateLimiterGivesEachSourceItsBurstThenItsRate() {
        AtomicLong now = new AtomicLong();
        DatagramMetrics metrics = new DatagramMetrics();
        SourceRateLimiter limiter = new SourceRateLimiter(RateLimit.of(2, 3), metrics, now::get);
        InetAddress a = PEER.getAddress();
        InetAddress b = OTHER.getAddress();
        assertTrue(limiter.allow(a));
        assertTrue(limiter.allow(a));
        assertTrue(limiter.allow(a));
        assertFalse(limiter.allow(a), "burst of 3 spent");
        assertTrue(limiter.allow(b), "another source has its own bucket");
        now.addAndGet(500_000_000L); // half a second at 2 a second: one more
        assertTrue(limiter.allow(a));
        assertFalse(limiter.allow(a));
        now.addAndGet(60_000_000_000L); // a long pause refills to the burst, no more
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.allow(a));
        }
        assertFalse(limiter.allow(a));
    }

    @Test
    void rateLimiterForgetsTheLeastRecentlySeenSources() {
        SourceRateLimiter limiter = new SourceRateLimiter(new RateLimit(1, 1, 2), new DatagramMetrics(), () -> 0L);
        limiter.allow(PEER.getAddress());
        limiter.allow(OTHER.getAddress());
        limiter.allow(new InetSocketAddress("127.0.0.3", 1).getAddress());
        assertEquals(2, limiter.trackedSources());
    }

    @Test
    void rateLimiterDropsAndCountsInThePipeline() {
        DatagramMetrics metrics = new DatagramMetrics();
        EmbeddedChannel channel = new EmbeddedChannel(new SourceRateLimiter(RateLimit.of(0.001, 1), metrics));
        try {
            assertTrue(channel.writeInbound(packet(PEER, new byte[1])));
            ReferenceCountUtil.release(channel.readInbound());
            assertFalse(channel.writeInbound(packet(PEER, new byte[1])));
            assertEquals(1, metrics.rateLimited());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Stands in for the socket: refuses every write with {@code message}, as the system does. */
    private static ChannelOutboundHandlerAdapter failingSocket(String message) {
        return new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IOException(message));
            }
        };
    }

    @Test
    void emsgsizeBecomesDatagramTooLarge() {
        ChannelOutboundHandlerAdapter socket = failingSocket("sendmsg(..) failed: Message too long");
        DatagramMetrics metrics = new DatagramMetrics();
        EmbeddedChannel channel = new EmbeddedChannel(socket, new DatagramMetricsHandler(metrics),
                new SendFailureMapper());
        try {
            DatagramPacket big = new DatagramPacket(Unpooled.wrappedBuffer(new byte[70000]), PEER);
            Throwable failure = channel.writeAndFlush(big).cause();
            DatagramTooLargeException tooLarge = assertInstanceOf(DatagramTooLargeException.class, failure);
            assertEquals(70000, tooLarge.size());
            assertEquals(PEER, tooLarge.destination());
            assertTrue(tooLarge.pathMtu().isEmpty());
            assertEquals("datagram of 70000 bytes to 127.0.0.1:5555 is larger than the path allows (Message too "
                    + "long, EMSGSIZE): the largest UDP payload over IPv4 is 65507 bytes", tooLarge.getMessage());
            assertEquals(0, metrics.datagramsOut());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void tooLargeMessageNamesThePathMtu() {
        DatagramTooLargeException e = new DatagramTooLargeException(1500, PEER, 1400, null);
        assertEquals("datagram of 1500 bytes to 127.0.0.1:5555 is larger than the path allows (Message too long, "
                + "EMSGSIZE): path MTU 1400, at most 1372 payload bytes unfragmented", e.getMessage());
        assertEquals(1400, e.pathMtu().getAsInt());
    }

    @Test
    void otherSendFailuresAreMappedToo() {
        ChannelOutboundHandlerAdapter socket = failingSocket("sendmsg(..) failed: Permission denied");
        EmbeddedChannel channel = new EmbeddedChannel(socket, new SendFailureMapper());
        try {
            Throwable failure = channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(new byte[1]), PEER))
                    .cause();
            ToolkitException mapped = assertInstanceOf(ToolkitException.class, failure);
            assertEquals(ErrorKind.IO, mapped.kind());
            assertTrue(mapped.getMessage().contains("Permission denied"), mapped.getMessage());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void metricsCountBothWays() {
        DatagramMetrics metrics = new DatagramMetrics();
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramMetricsHandler(metrics));
        try {
            channel.writeInbound(packet(PEER, new byte[3]));
            channel.writeInbound(packet(PEER, new byte[0]));
            channel.writeOutbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[5]), PEER));
            assertEquals(2, metrics.datagramsIn());
            assertEquals(3, metrics.bytesIn());
            assertEquals(1, metrics.empty());
            assertEquals(1, metrics.datagramsOut());
            assertEquals(5, metrics.bytesOut());
            assertEquals(metrics.snapshot().datagramsIn(), 2);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

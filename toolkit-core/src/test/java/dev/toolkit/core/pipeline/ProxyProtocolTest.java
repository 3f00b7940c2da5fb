package dev.toolkit.core.pipeline;

import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.testing.ProxyHeaders;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PROXY protocol header reader on EmbeddedChannel: v1, v2, split input, garbage, limits, time-out. */
class ProxyProtocolTest {

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
        0x0A};

    /** What the protocol behind the toolkit's handlers saw. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<SocketAddress> activeWith = new ArrayList<>();
        final StringBuilder received = new StringBuilder();
        int inactive;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            activeWith.add(ClientAddress.of(ctx.channel()));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            received.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inactive++;
        }
    }

    private final MetricsRecorder counters = new MetricsRecorder();
    private final ConnectionMetrics metrics = counters.metrics();
    private Recorder recorder;

    private ConnectionPipeline pipeline(ProxyProtocol mode, int maxPerIp) {
        ServerConfig config = ServerConfig.builder().proxyProtocol(mode).maxConnectionsPerIp(maxPerIp).build();
        return ConnectionPipeline.create(config.pipelineSettings(), counters);
    }

    private EmbeddedChannel open(ConnectionPipeline pipeline) {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        Recorder installed = new Recorder();
        recorder = installed;
        pipeline.installServer(channel, ch -> ch.pipeline().addLast(installed), null);
        try {
            channel.register();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return channel;
    }

    private static void writeBytewise(EmbeddedChannel channel, byte[] bytes) {
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] v2Tcp4(int[] src, int srcPort, int[] dst, int dstPort) {
        return ProxyHeaders.v2Tcp4(src, srcPort, dst, dstPort);
    }

    private static void assertNoProxyHandlersLeft(EmbeddedChannel channel) {
        assertNull(channel.pipeline().get(ProxyProtocolDetector.NAME));
        assertNull(channel.pipeline().get(ProxyProtocolDetector.DECODER_NAME));
        assertNull(channel.pipeline().get(ProxyHeaderHandler.NAME));
    }

    @Test
    void version1HeaderInOneSegmentNamesTheClient() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        assertTrue(recorder.activeWith.isEmpty(), "the protocol waits for the header");
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY TCP4 192.0.2.1 198.51.100.1 56324 443\r\nhello\n")));
        assertEquals(List.of(new InetSocketAddress("192.0.2.1", 56324)), recorder.activeWith);
        assertEquals("hello\n", recorder.received.toString());
        assertNoProxyHandlersLeft(channel);
        assertEquals(1, metrics.connectionsOpen());
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("more\n")));
        assertEquals("hello\nmore\n", recorder.received.toString());
        assertFalse(channel.finishAndReleaseAll());
        assertEquals(1, recorder.inactive);
        assertEquals(0, metrics.connectionsOpen());
    }

    @Test
    void version1HeaderSplitByteByByte() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        writeBytewise(channel, ascii("PROXY TCP6 2001:db8::1 2001:db8::2 40000 1060\r\nab"));
        assertEquals(List.of(new InetSocketAddress("2001:db8::1", 40000)), recorder.activeWith);
        assertEquals("ab", recorder.received.toString());
        assertFalse(channel.finishAndReleaseAll());
    }

    @ParameterizedTest
    @EnumSource(value = ProxyProtocol.class, names = {"OPTIONAL", "REQUIRED"})
    void version2HeaderSplitByteByByte(ProxyProtocol mode) {
        EmbeddedChannel channel = open(pipeline(mode, 0));
        byte[] header = v2Tcp4(new int[] {203, 0, 113, 7}, 51000, new int[] {127, 0, 0, 1}, 1060);
        writeBytewise(channel, concat(header, ascii("Q?")));
        assertEquals(List.of(new InetSocketAddress("203.0.113.7", 51000)), recorder.activeWith);
        assertEquals("Q?", recorder.received.toString());
        assertNoProxyHandlersLeft(channel);
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void version2HeaderCoalescedWithData() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        byte[] header = v2Tcp4(new int[] {198, 51, 100, 9}, 1234, new int[] {127, 0, 0, 1}, 1060);
        channel.writeInbound(Unpooled.wrappedBuffer(concat(header, ascii("one"), ascii("two"))));
        assertEquals(List.of(new InetSocketAddress("198.51.100.9", 1234)), recorder.activeWith);
        assertEquals("onetwo", recorder.received.toString());
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void version2LocalCommandKeepsTheSocketsAddress() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        byte[] local = concat(V2_SIGNATURE, new byte[] {0x20, 0x00, 0x00, 0x00});
        channel.writeInbound(Unpooled.wrappedBuffer(concat(local, ascii("x"))));
        assertEquals(List.of(channel.remoteAddress()), recorder.activeWith);
        assertNull(ClientAddress.proxied(channel));
        assertEquals("x", recorder.received.toString());
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void garbageIsRefusedWhenTheHeaderIsRequired() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("GET / HTTP/1.1\r\n\r\n")));
        assertFalse(channel.isOpen());
        assertTrue(recorder.activeWith.isEmpty(), "the protocol never saw the connection");
        assertEquals(0, recorder.inactive);
        assertEquals(1, metrics.errors(ErrorKind.PROTOCOL));
        assertEquals(0, metrics.connectionsTotal());
        channel.finishAndReleaseAll();
    }

    @Test
    void aShortMessageThatCannotStartAHeaderIsRefusedAtOnce() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("PRO")));
        assertTrue(channel.isOpen(), "could still be a header");
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("B?")));
        assertFalse(channel.isOpen());
        assertEquals(1, metrics.errors(ErrorKind.PROTOCOL));
        channel.finishAndReleaseAll();
    }

    @Test
    void malformedVersion1HeaderIsRefused() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY TCP4 not-an-address\r\nhello\n")));
        assertFalse(channel.isOpen());
        assertTrue(recorder.activeWith.isEmpty());
        assertEquals(1, metrics.errors(ErrorKind.PROTOCOL));
        channel.finishAndReleaseAll();
    }

    @Test
    void overlongVersion1HeaderIsRefused() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY TCP4 " + "1".repeat(200))));
        assertFalse(channel.isOpen());
        assertTrue(recorder.activeWith.isEmpty());
        channel.finishAndReleaseAll();
    }

    @Test
    void optionalModeServesAConnectionWithoutHeaderAsItIs() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.OPTIONAL, 0));
        writeBytewise(channel, ascii("Beautiful is better than?"));
        assertEquals(List.of(channel.remoteAddress()), recorder.activeWith);
        assertEquals("Beautiful is better than?", recorder.received.toString());
        assertNoProxyHandlersLeft(channel);
        assertFalse(channel.finishAndReleaseAll());
        assertEquals(1, recorder.inactive);
    }

    @Test
    void aConnectionClosedBeforeItsHeaderIsNeverSeenByTheProtocol() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("PROX")));
        channel.close();
        assertTrue(recorder.activeWith.isEmpty());
        assertEquals(0, recorder.inactive);
        assertEquals(0, metrics.connectionsTotal());
        assertEquals(0, metrics.errors(ErrorKind.PROTOCOL));
        channel.finishAndReleaseAll();
    }

    @Test
    void aHeaderThatNeverArrivesTimesOut() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.REQUIRED, 0));
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY TCP4 ")));
        channel.advanceTimeBy(ProxyProtocol.HEADER_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertEquals(1, metrics.errors(ErrorKind.TIMEOUT));
        assertTrue(recorder.activeWith.isEmpty());
        channel.finishAndReleaseAll();
    }

    @Test
    void perAddressLimitCountsTheProxiedAddress() {
        ConnectionPipeline shared = pipeline(ProxyProtocol.REQUIRED, 1);
        EmbeddedChannel first = open(shared);
        first.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY TCP4 192.0.2.1 127.0.0.1 1000 1060\r\n")));
        EmbeddedChannel other = open(shared);
        other.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY TCP4 192.0.2.2 127.0.0.1 1000 1060\r\n")));
        EmbeddedChannel second = open(shared);
        second.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY TCP4 192.0.2.1 127.0.0.1 1001 1060\r\n")));
        // All three come from the same socket address; only the second one from 192.0.2.1 is over the limit.
        assertTrue(first.isOpen());
        assertTrue(other.isOpen());
        assertFalse(second.isOpen());
        assertEquals(1, metrics.connectionsRejected());
        assertEquals(2, metrics.connectionsOpen());
        first.finishAndReleaseAll();
        other.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void offInstallsNothingAndTheSocketsAddressIsTheClient() {
        EmbeddedChannel channel = open(pipeline(ProxyProtocol.OFF, 0));
        assertNoProxyHandlersLeft(channel);
        assertEquals(List.of(channel.remoteAddress()), recorder.activeWith);
        Object msg = Unpooled.wrappedBuffer(ascii("PROXY TCP4 192.0.2.1 127.0.0.1 1000 1060\r\n"));
        channel.writeInbound(msg);
        assertTrue(recorder.received.toString().startsWith("PROXY"), "the header is just data when off");
        ReferenceCountUtil.release(channel.readInbound());
        assertFalse(channel.finishAndReleaseAll());
    }
}

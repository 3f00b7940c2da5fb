package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.TlsException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import org.slf4j.event.Level;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assembler on {@link EmbeddedChannel}: stage order, the connection-ready moment, the security stage. */
class ConnectionPipelineTest {

    private static final String FAKE_TLS = "fake-tls";
    private static final String PROTOCOL = "protocol";

    private final MetricsRecorder recorder = new MetricsRecorder();
    private final ConnectionMetrics metrics = recorder.metrics();
    private final RecordingLog log = new RecordingLog();
    private final AtomicInteger initialized = new AtomicInteger();
    private final List<String> seen = new ArrayList<>();

    /** The protocol: records what reaches it. */
    private final ProtocolDefinition protocol = channel -> {
        initialized.incrementAndGet();
        channel.pipeline().addLast(PROTOCOL, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                seen.add("active");
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                seen.add("read " + buf.toString(StandardCharsets.US_ASCII));
                buf.release();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                seen.add("event " + evt.getClass().getSimpleName());
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                seen.add("inactive");
            }
        });
    };

    /** A stand-in for TLS: one handler at the security stage; the test fires its handshake events. */
    private static final ServerSecurity FAKE = (channel, before) ->
            channel.pipeline().addBefore(before, FAKE_TLS, new ChannelInboundHandlerAdapter());

    /** An embedded channel with a peer address, not registered until {@link #open()}. */
    private static final class PeerChannel extends EmbeddedChannel {
        private final InetSocketAddress remote;

        PeerChannel(String ip) throws Exception {
            super(EmbeddedChannel.builder().register(false));
            this.remote = new InetSocketAddress(InetAddress.getByName(ip), 40000);
        }

        PeerChannel open() throws Exception {
            register();
            return this;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }

    private ConnectionPipeline server(int maxConnections, int perAddress) {
        return ConnectionPipeline.create(PipelineSettings.builder().label("test-server")
                .limits(maxConnections, perAddress).trackExchanges(true).maxPendingWriteBytes(1 << 20)
                .backPressure(true).idleTimeout(Duration.ofMinutes(1)).readTimeout(Duration.ofMinutes(1))
                .frameTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30)).maxFramesPerTurn(64)
                .build(), recorder, log.logger());
    }

    private static List<String> names(Channel channel) {
        List<String> names = new ArrayList<>(channel.pipeline().names());
        names.removeIf(n -> n.startsWith("DefaultChannelPipeline$") || n.startsWith("EmbeddedChannel$"));
        return names;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void plaintextConnectionGetsEveryStageInOrderAtTheReadyMoment() throws Exception {
        PeerChannel channel = new PeerChannel("192.0.2.1");
        server(10, 0).installServer(channel, protocol, null);
        assertEquals(List.of(ConnectionPipeline.LIMITS, ConnectionPipeline.READY), names(channel),
                "before it is active only the stages that decide whether it is ready");
        assertEquals(0, initialized.get());
        channel.open();
        assertEquals(List.of(ConnectionPipeline.LIMITS, ConnectionPipeline.READY, ConnectionPipeline.EXCHANGE,
                ConnectionPipeline.METRICS, ConnectionPipeline.PENDING_WRITES, ConnectionPipeline.BACK_PRESSURE,
                ConnectionPipeline.TIMEOUTS, ConnectionPipeline.FRAME_BUDGET, ConnectionPipeline.OUTBOUND_ERRORS,
                PROTOCOL, ConnectionPipeline.ERRORS), names(channel));
        assertTrue(ConnectionPipeline.ready(channel).isSuccess());
        channel.writeInbound(ascii("hello"));
        assertEquals(List.of("active", "read hello"), seen);
        assertEquals(1, metrics.connectionsTotal());
        channel.finishAndReleaseAll();
    }

    @Test
    void timeOutsAndTheFrameBudgetFollowTheProtocolsFramingDecoder() throws Exception {
        PeerChannel channel = new PeerChannel("192.0.2.1");
        server(10, 0).installServer(channel, ch -> ch.pipeline().addLast("inflate", new JdkZlibDecoder())
                .addLast("lines", new LineBasedFrameDecoder(80)).addLast("answers", new ChannelInboundHandlerAdapter()),
                null);
        channel.open();
        List<String> names = names(channel);
        assertEquals(List.of("inflate", "lines", ConnectionPipeline.TIMEOUTS, ConnectionPipeline.FRAME_BUDGET,
                "answers", ConnectionPipeline.ERRORS), names.subList(names.indexOf("inflate"), names.size()));
        channel.finishAndReleaseAll();
    }

    @Test
    void proxyHeaderStagesComeFirst() throws Exception {
        PeerChannel channel = new PeerChannel("192.0.2.1");
        ConnectionPipeline.create(PipelineSettings.builder().proxyProtocol(ProxyProtocol.REQUIRED).limits(5, 1)
                .build(), recorder, log.logger()).installServer(channel, protocol, FAKE);
        assertEquals(List.of(ConnectionPipeline.PROXY_DETECT, ConnectionPipeline.PROXY_HEADER,
                ConnectionPipeline.LIMITS, FAKE_TLS, ConnectionPipeline.READY), names(channel));
        channel.open().finishAndReleaseAll();
    }

    @Test
    void theProtocolSeesASecuredConnectionOnlyAfterTheHandshakeWithTheBytesReadMeanwhile() throws Exception {
        PeerChannel channel = new PeerChannel("192.0.2.1");
        server(10, 0).installServer(channel, protocol, FAKE);
        channel.open();
        assertEquals(0, initialized.get(), "active, but the handshake has not ended");
        assertFalse(ConnectionPipeline.ready(channel).isDone());
        channel.writeInbound(ascii("early"));
        assertTrue(seen.isEmpty());
        channel.pipeline().context(FAKE_TLS).fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
        assertEquals(List.of("active", "read early", "event SslHandshakeCompletionEvent"), seen);
        assertEquals(List.of(ConnectionPipeline.LIMITS, FAKE_TLS, ConnectionPipeline.READY,
                ConnectionPipeline.EXCHANGE), names(channel).subList(0, 4));
        assertTrue(ConnectionPipeline.ready(channel).isSuccess());
        channel.finishAndReleaseAll();
    }

    @Test
    void aHandshakeThatTimesOutIsLoggedAndNeverReachesTheProtocol() throws Exception {
        PeerChannel channel = new PeerChannel("192.0.2.1");
        server(10, 0).installServer(channel, protocol, FAKE);
        channel.open();
        channel.writeInbound(ascii("partial client hello"));
        TlsException timeout = new TlsException(TlsException.Check.HANDSHAKE_TIMEOUT, "handshake timed out after"
                + " 10000ms", null);
        // Netty's SslHandler reports a time-out with this event only, no exception.
        channel.pipeline().context(FAKE_TLS).fireUserEventTriggered(new SslHandshakeCompletionEvent(timeout));
        assertFalse(channel.isOpen());
        assertEquals(0, initialized.get());
        assertTrue(seen.isEmpty());
        List<String> warnings = log.lines(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("test-server: connection with /192.0.2.1:40000 failed")
                && warnings.get(0).contains("timed out"), warnings.get(0));
        assertEquals(1, metrics.errors(timeout.kind()));
        Future<Channel> ready = ConnectionPipeline.ready(channel);
        assertSame(timeout, ready.cause());
        channel.finishAndReleaseAll();
    }

    @Test
    void aHandshakeFailureReportedTwiceIsLoggedOnce() throws Exception {
        PeerChannel channel = new PeerChannel("192.0.2.1");
        server(10, 0).installServer(channel, protocol, FAKE);
        channel.open();
        TlsException failed = new TlsException(TlsException.Check.ISSUER, "unknown CA", null);
        ChannelHandlerContext tls = channel.pipeline().context(FAKE_TLS);
        tls.fireExceptionCaught(failed);
        tls.fireUserEventTriggered(new SslHandshakeCompletionEvent(failed));
        assertEquals(1, log.lines(Level.WARN).size(), log.lines(Level.WARN).toString());
        assertEquals(1, metrics.errors(ErrorKind.TLS));
        assertTrue(seen.isEmpty());
        assertInstanceOf(TlsException.class, ConnectionPipeline.ready(channel).cause());
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionOverTheLimitNeverReachesTheProtocol() throws Exception {
        ConnectionPipeline shared = server(10, 1);
        PeerChannel first = new PeerChannel("192.0.2.1");
        shared.installServer(first, protocol, null);
        first.open();
        PeerChannel second = new PeerChannel("192.0.2.1");
        shared.installServer(second, protocol, null);
        second.open();
        assertTrue(first.isOpen());
        assertFalse(second.isOpen());
        assertEquals(1, initialized.get(), "the refused connection's protocol was never installed");
        assertEquals(List.of("active"), seen);
        assertEquals(1, metrics.connectionsRejected());
        assertFalse(ConnectionPipeline.ready(second).isSuccess());
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void statelessHandlersAreSharedAndStatefulOnesAreNot() throws Exception {
        ConnectionPipeline shared = server(10, 0);
        PeerChannel one = new PeerChannel("192.0.2.1");
        shared.installServer(one, protocol, null);
        one.open();
        PeerChannel two = new PeerChannel("192.0.2.2");
        shared.installServer(two, protocol, null);
        two.open();
        for (String name : List.of(ConnectionPipeline.METRICS, ConnectionPipeline.ERRORS)) {
            assertSame(one.pipeline().get(name), two.pipeline().get(name), name);
        }
        for (String name : List.of(ConnectionPipeline.LIMITS, ConnectionPipeline.READY, ConnectionPipeline.EXCHANGE,
                ConnectionPipeline.TIMEOUTS, ConnectionPipeline.FRAME_BUDGET)) {
            assertNotSame(one.pipeline().get(name), two.pipeline().get(name), name);
        }
        one.finishAndReleaseAll();
        two.finishAndReleaseAll();
    }

    @Test
    void startTlsInsertsTheSecurityStageAtItsPlace() throws Exception {
        PeerChannel channel = new PeerChannel("192.0.2.1");
        server(10, 0).installServer(channel, protocol, null);
        channel.open();
        ConnectionPipeline.startSecurity(channel, FAKE);
        List<String> names = names(channel);
        assertEquals(List.of(ConnectionPipeline.LIMITS, FAKE_TLS, ConnectionPipeline.READY), names.subList(0, 3));
        // The connection stays ready: the handshake's event passes through to the protocol.
        channel.pipeline().context(FAKE_TLS).fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
        assertEquals(List.of("active", "event SslHandshakeCompletionEvent"), seen);
        channel.finishAndReleaseAll();
    }

    @Test
    void startTlsNeedsAToolkitPipeline() {
        EmbeddedChannel bare = new EmbeddedChannel();
        assertThrows(IllegalStateException.class, () -> ConnectionPipeline.startSecurity(bare, FAKE));
        assertFalse(ConnectionPipeline.ready(bare).isSuccess());
        bare.finishAndReleaseAll();
    }

    @Test
    void aClientSecurityStageGetsTheHostOfTheConnectCall() throws Exception {
        List<String> asked = new ArrayList<>();
        ClientSecurity security = (channel, before, host, port) -> {
            asked.add(host + ":" + port);
            channel.pipeline().addBefore(before, FAKE_TLS, new ChannelInboundHandlerAdapter());
        };
        PeerChannel channel = new PeerChannel("192.0.2.1");
        ConnectionPipeline.create(PipelineSettings.defaults(), recorder, log.logger())
                .installClient(channel, protocol, security, "mail.example.org", 465);
        channel.open();
        assertEquals(List.of("mail.example.org:465"), asked);
        assertFalse(ConnectionPipeline.ready(channel).isDone());
        channel.pipeline().context(FAKE_TLS).fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
        assertTrue(ConnectionPipeline.ready(channel).isSuccess());
        assertNull(channel.pipeline().get(ConnectionPipeline.LIMITS));
        assertNull(channel.pipeline().get(ConnectionPipeline.EXCHANGE));
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionClosedBeforeItsHandshakeFailsTheReadyPromiseQuietly() throws Exception {
        PeerChannel channel = new PeerChannel("192.0.2.1");
        server(10, 0).installServer(channel, protocol, FAKE);
        channel.open();
        channel.writeInbound(ascii("half a hello"));
        channel.close();
        assertTrue(seen.isEmpty());
        assertFalse(ConnectionPipeline.ready(channel).isSuccess());
        assertTrue(log.lines(Level.WARN).isEmpty());
        channel.finishAndReleaseAll();
    }

    /** Not {@code @Sharable}: Netty refuses to add it to a second pipeline. */
    private static final class PerConnectionHandler extends ChannelInboundHandlerAdapter {
    }

    @Test
    void aHandlerThatIsNotSharableGivenToASecondConnectionIsRefusedByName() throws Exception {
        PerConnectionHandler shared = new PerConnectionHandler();
        ConnectionPipeline server = server(10, 0);
        ProtocolDefinition reusing = ch -> ch.pipeline().addLast(PROTOCOL, shared);
        PeerChannel first = new PeerChannel("192.0.2.1");
        server.installServer(first, reusing, null);
        first.open();
        assertTrue(ConnectionPipeline.ready(first).isSuccess());
        PeerChannel second = new PeerChannel("192.0.2.2");
        server.installServer(second, reusing, null);
        second.open();
        Future<Channel> ready = ConnectionPipeline.ready(second);
        assertFalse(ready.isSuccess());
        String expected = "the protocol handler " + PerConnectionHandler.class.getName() + " is not @Sharable but"
                + " the same instance was given to a second connection: create a new "
                + PerConnectionHandler.class.getName() + " for each connection in ProtocolDefinition.initialize"
                + " (or mark it @Sharable if it keeps no state of a connection)";
        assertEquals(expected, ready.cause().getMessage());
        assertEquals(List.of("test-server: connection with /192.0.2.2:40000 failed: " + expected),
                log.lines(Level.WARN));
        assertEquals(1, metrics.errors(ErrorKind.INTERNAL));
        assertFalse(second.isOpen(), "that connection is closed");
        assertTrue(first.isOpen(), "the first one goes on");
        second.finishAndReleaseAll();
        first.finishAndReleaseAll();
    }
}

package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.observe.WireLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.logging.LoggingHandler;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection handlers of the shared pipeline, one by one on {@link EmbeddedChannel}. */
class ConnectionHandlersTest {

    private final MetricsRecorder recorder = new MetricsRecorder();
    private final ConnectionMetrics metrics = recorder.metrics();
    private final RecordingLog log = new RecordingLog();

    /** An embedded channel with a real-looking peer address, as the limit handler needs. */
    private static final class PeerChannel extends EmbeddedChannel {
        private final InetSocketAddress remote;

        PeerChannel(String ip, ChannelHandler... handlers) throws Exception {
            super(EmbeddedChannel.builder().register(false).handlers(handlers));
            this.remote = new InetSocketAddress(java.net.InetAddress.getByName(ip), 40000);
            register();
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private PeerChannel limited(ConnectionLimiter limiter, String ip) throws Exception {
        return new PeerChannel(ip, new ConnectionLimitHandler(limiter, recorder, "test"), new MetricsHandler(recorder));
    }

    @Test
    void limitsCloseExtraConnectionsAtOnceAndCountThem() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 1);
        PeerChannel first = limited(limiter, "127.0.0.2");
        PeerChannel sameAddress = limited(limiter, "127.0.0.2");
        PeerChannel second = limited(limiter, "127.0.0.3");
        PeerChannel overTotal = limited(limiter, "127.0.0.4");

        assertTrue(first.isOpen());
        assertFalse(sameAddress.isOpen(), "per-address limit");
        assertTrue(second.isOpen());
        assertFalse(overTotal.isOpen(), "total limit");
        assertEquals(2, metrics.connectionsRejected());
        assertEquals(2, metrics.connectionsOpen(), "rejected connections are not counted as open");
        assertEquals(2, limiter.open());

        // A rejected connection's input goes nowhere (and is released).
        assertFalse(sameAddress.isActive());
        first.close();
        assertEquals(1, limiter.open());
        PeerChannel again = limited(limiter, "127.0.0.2");
        assertTrue(again.isOpen(), "the place was given back");
        for (EmbeddedChannel ch : List.of(first, sameAddress, second, overTotal, again)) {
            ch.finishAndReleaseAll();
        }
        assertEquals(0, limiter.open());
        assertEquals(0, metrics.connectionsOpen());
    }

    @Test
    void idleTimeOutClosesAQuietConnectionWithAnIdleError() {
        EmbeddedChannel ch = new EmbeddedChannel(TimeoutHandler.idle(Duration.ofSeconds(30)),
                new ConnectionErrorHandler("test", recorder, log.logger()));
        ch.freezeTime();
        ch.advanceTimeBy(20, TimeUnit.SECONDS);
        ch.runPendingTasks();
        ch.writeInbound(ascii("x"));
        ch.releaseInbound();
        ch.advanceTimeBy(20, TimeUnit.SECONDS);
        ch.runPendingTasks();
        assertTrue(ch.isOpen(), "traffic restarted the clock");

        ch.advanceTimeBy(11, TimeUnit.SECONDS);
        ch.runPendingTasks();
        assertFalse(ch.isOpen());
        assertEquals(1, metrics.errors(ErrorKind.TIMEOUT));
        assertTrue(log.lines(Level.WARN).get(0).contains("idle timed out"), log.lines(Level.WARN).toString());
        ch.finishAndReleaseAll();
    }

    @Test
    void readTimeOutIgnoresWritesAndReportsTheReadPhase() {
        CapturingHandler errors = new CapturingHandler();
        EmbeddedChannel ch = new EmbeddedChannel(TimeoutHandler.read(Duration.ofSeconds(5)), errors);
        ch.freezeTime();
        ch.advanceTimeBy(3, TimeUnit.SECONDS);
        ch.writeOutbound(ascii("still talking"));
        ch.releaseOutbound();
        ch.advanceTimeBy(3, TimeUnit.SECONDS);
        ch.runPendingTasks();
        assertFalse(ch.isOpen());
        OperationTimeoutException e = assertInstanceOf(OperationTimeoutException.class, errors.caught);
        assertEquals(OperationTimeoutException.Phase.READ, e.phase());
        assertEquals(Duration.ofSeconds(5), e.limit());
        ch.finishAndReleaseAll();
    }

    @Test
    void pendingWriteBoundFailsTheWriteClearlyAndCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new PendingWriteLimitHandler(1000),
                new ConnectionErrorHandler("test", recorder, log.logger()));
        // Not flushed, so the bytes stay queued; Netty counts a small overhead per message too.
        ChannelFuture first = ch.write(ascii("a".repeat(400)));
        ChannelFuture second = ch.write(ascii("b".repeat(400)));
        ChannelFuture third = ch.write(ascii("c".repeat(400)));

        ToolkitException e = assertInstanceOf(ToolkitException.class, third.cause());
        assertEquals(ErrorKind.IO, e.kind());
        assertTrue(e.getMessage().contains("the limit is 1000"), e.getMessage());
        assertFalse(ch.isOpen());
        assertEquals(1, metrics.errors(ErrorKind.IO));
        assertTrue(first.isDone() && !first.isSuccess(), "closing failed the queued writes");
        assertTrue(second.isDone() && !second.isSuccess());
        ch.finishAndReleaseAll();
    }

    @Test
    void pendingWriteOverflowIsReportedOnceWhileTheCloseIsUnderWay() {
        // Some transports (io_uring) close asynchronously: the protocol may write again meanwhile.
        CloseHolder closeHolder = new CloseHolder();
        EmbeddedChannel ch = new EmbeddedChannel(closeHolder, new PendingWriteLimitHandler(1000),
                new ConnectionErrorHandler("test", recorder, log.logger()));
        ch.write(ascii("a".repeat(400)));
        ch.write(ascii("b".repeat(400)));
        Throwable overflow = ch.write(ascii("c".repeat(400))).cause();
        assertInstanceOf(ToolkitException.class, overflow);
        assertTrue(ch.isOpen(), "the close is still under way");

        assertSame(overflow, ch.write(ascii("d")).cause());
        assertEquals(1, metrics.errors(ErrorKind.IO));
        assertEquals(1, log.lines(Level.WARN).size());
        closeHolder.holding = false;
        ch.finishAndReleaseAll();
    }

    @Test
    void backPressureStopsReadingWhileNotWritable() {
        EmbeddedChannel ch = new EmbeddedChannel(new BackPressureHandler());
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(100, 200));
        ch.write(ascii("z".repeat(300)));
        ch.runPendingTasks();
        assertFalse(ch.isWritable());
        assertFalse(ch.config().isAutoRead());

        ch.flush();
        ch.runPendingTasks();
        assertTrue(ch.isWritable());
        assertTrue(ch.config().isAutoRead());
        ch.releaseOutbound();

        // A protocol that turned auto-read off itself keeps it off.
        ch.config().setAutoRead(false);
        ch.write(ascii("z".repeat(300)));
        ch.runPendingTasks();
        ch.flush();
        ch.runPendingTasks();
        assertFalse(ch.config().isAutoRead());
        ch.finishAndReleaseAll();
    }

    @Test
    void errorHandlerMapsCountsLogsAndCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new ConnectionErrorHandler("srv", recorder, log.logger()));
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertFalse(ch.isOpen());
        assertEquals(1, metrics.errors(ErrorKind.CLOSED));
        assertEquals(1, log.lines(Level.WARN).size());
        assertTrue(log.lines(Level.WARN).get(0).contains("connection reset"), log.lines(Level.WARN).toString());
        assertFalse(log.hasThrowable(Level.DEBUG));

        EmbeddedChannel other = new EmbeddedChannel(new ConnectionErrorHandler("srv", recorder, log.logger()));
        other.pipeline().fireExceptionCaught(new IllegalStateException("handler bug"));
        assertEquals(1, metrics.errors(ErrorKind.INTERNAL));
        assertTrue(log.hasThrowable(Level.DEBUG), "stack trace of an internal failure at DEBUG");
        ch.finishAndReleaseAll();
        other.finishAndReleaseAll();
    }

    @Test
    void textWireLogShowsEscapedBytesBothWays() {
        EmbeddedChannel ch = new EmbeddedChannel(new WireLogHandler(log.logger()));
        ch.writeInbound(ascii("Hi\r\n"));
        ch.writeOutbound(ascii("Ho\t!"));
        List<String> lines = log.lines(Level.DEBUG);
        assertTrue(lines.stream().anyMatch(l -> l.contains("READ 4B b'Hi\\r\\n'")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("WRITE 4B b'Ho\\t!'")), lines.toString());
        ch.finishAndReleaseAll();

        assertInstanceOf(LoggingHandler.class, WireLogHandler.forMode(WireLog.HEX));
        assertInstanceOf(WireLogHandler.class, WireLogHandler.forMode(WireLog.TEXT));
        assertNull(WireLogHandler.forMode(WireLog.OFF));
    }

    @Test
    void metricsCountConnectionsAndBytes() {
        EmbeddedChannel ch = new EmbeddedChannel(new MetricsHandler(recorder));
        assertEquals(1, metrics.connectionsOpen());
        ch.writeInbound(ascii("hello"));
        ch.writeOutbound(ascii("goodbye"));
        assertEquals(5, metrics.bytesIn());
        assertEquals(7, metrics.bytesOut());
        ch.finishAndReleaseAll();
        assertEquals(0, metrics.connectionsOpen());
        assertEquals(1, metrics.connectionsTotal());
    }

    @Test
    void trackerLetsAnExchangeInProgressFinishThenCloses() {
        ExchangeTracker tracker = new ExchangeTracker(recorder);
        EmbeddedChannel ch = new EmbeddedChannel(tracker, new AnswerOnQuestionMark());
        ch.writeInbound(ascii("what"));
        assertTrue(tracker.isBusy());
        assertFalse(tracker.beginDrain(), "busy: the exchange may finish");
        assertTrue(ch.isOpen());

        ch.writeInbound(ascii(" now?"));
        ch.runPendingTasks();
        assertFalse(ch.isOpen(), "closed once the answer was written");
        ByteBuf answer = ch.readOutbound();
        assertEquals("WHAT NOW?", answer.toString(StandardCharsets.US_ASCII));
        answer.release();
        assertEquals(1, metrics.exchangesCompleted());
        ch.finishAndReleaseAll();
    }

    @Test
    void trackerClosesAnIdleConnectionAtOnceAndHonoursExplicitExchanges() {
        ExchangeTracker tracker = new ExchangeTracker(recorder);
        EmbeddedChannel ch = new EmbeddedChannel(tracker, new AnswerOnQuestionMark());
        ch.writeInbound(ascii("one?"));
        ch.releaseOutbound();
        assertFalse(tracker.isBusy());

        ch.pipeline().fireUserEventTriggered(ExchangeEvent.BEGIN);
        assertTrue(tracker.isBusy());
        assertFalse(tracker.beginDrain());
        ch.pipeline().fireUserEventTriggered(ExchangeEvent.END);
        ch.runPendingTasks();
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();

        ExchangeTracker idle = new ExchangeTracker(recorder);
        EmbeddedChannel quiet = new EmbeddedChannel(idle);
        assertTrue(idle.beginDrain(), "idle: the caller closes it now");
        quiet.finishAndReleaseAll();
    }

    @Test
    void trackerReportsAPeerThatLeavesInTheMiddleOfAnExchange() {
        CapturingHandler errors = new CapturingHandler();
        EmbeddedChannel ch = new EmbeddedChannel(new ExchangeTracker(recorder), new AnswerOnQuestionMark(), errors);
        ch.writeInbound(ascii("half a quest"));
        // The transport closes on end of input, not through the pipeline.
        ch.unsafe().close(ch.unsafe().voidPromise());
        ch.runPendingTasks();
        ConnectionClosedException e = assertInstanceOf(ConnectionClosedException.class, errors.caught);
        assertEquals(ConnectionClosedException.Side.REMOTE, e.side());
        assertEquals(12, e.pendingBytes());
        ch.finishAndReleaseAll();

        CapturingHandler quiet = new CapturingHandler();
        EmbeddedChannel local = new EmbeddedChannel(new ExchangeTracker(recorder), new AnswerOnQuestionMark(), quiet);
        local.writeInbound(ascii("half"));
        local.close();
        assertNull(quiet.caught, "closing it ourselves is not the peer leaving");
        local.finishAndReleaseAll();
    }

    /** Answers with the upper-cased input once a buffer ends with '?'; keeps what came before. */
    private static final class AnswerOnQuestionMark extends SimpleChannelInboundHandler<ByteBuf> {
        private final StringBuilder pending = new StringBuilder();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            pending.append(msg.toString(StandardCharsets.US_ASCII));
            if (pending.charAt(pending.length() - 1) == '?') {
                ctx.writeAndFlush(ascii(pending.toString().toUpperCase(java.util.Locale.ROOT)));
                pending.setLength(0);
            }
        }
    }

    /** Holds back closes while {@link #holding}, as a transport that closes asynchronously appears to handlers. */
    private static final class CloseHolder extends io.netty.channel.ChannelOutboundHandlerAdapter {
        boolean holding = true;

        @Override
        public void close(ChannelHandlerContext ctx, io.netty.channel.ChannelPromise promise) {
            if (!holding) {
                ctx.close(promise);
            }
        }
    }

    /** Records the first exception that reaches it. */
    private static final class CapturingHandler extends io.netty.channel.ChannelInboundHandlerAdapter {
        Throwable caught;

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (caught == null) {
                caught = cause;
            }
        }
    }
}

package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.OperationTimeoutException.Phase;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import dev.toolkit.core.observe.LogSummary;
import org.slf4j.event.Level;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handlers that hold hostile clients off, on {@link EmbeddedChannel}: the one time-out handler (frame in
 * progress, write, read, idle on one timer), the frame budget per loop turn, and refusals logged as a summary.
 */
class HostileClientHandlersTest {

    private static final Duration FRAME = Duration.ofSeconds(30);

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static DelimiterBasedFrameDecoder questions() {
        return new DelimiterBasedFrameDecoder(64, Unpooled.wrappedBuffer(new byte[] {'?'}));
    }

    /** Records what reaches the protocol: frames as text, read-completes as "|", events, failures. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<String> seen = new ArrayList<>();
        Throwable caught;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            seen.add("|");
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            seen.add(evt == ChannelInputShutdownEvent.INSTANCE ? "eof" : String.valueOf(evt));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            seen.add("error");
            if (caught == null) {
                caught = cause;
            }
        }

        /** The frames seen, without the read-completes. */
        List<String> frames() {
            return seen.stream().filter(s -> !s.equals("|")).toList();
        }
    }

    private static EmbeddedChannel timed(TimeoutHandler.Limits limits, ChannelHandler... after) {
        EmbeddedChannel ch = new EmbeddedChannel();
        // Frozen before the handler starts its clock.
        ch.freezeTime();
        ch.pipeline().addLast(questions(), new TimeoutHandler(limits));
        ch.pipeline().addLast(after);
        return ch;
    }

    private static void elapse(EmbeddedChannel ch, long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    // ---- the frame in progress

    @Test
    void tricklingAFrameIsCutAfterTheFrameTimeOutThoughBytesKeepComing() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = timed(TimeoutHandler.Limits.builder().idle(Duration.ofMinutes(5)).frame(FRAME).build(),
                protocol);
        // One byte every 10 s: the idle time-out alone would never fire.
        for (int i = 0; i < 3; i++) {
            ch.writeInbound(ascii("x"));
            elapse(ch, 10);
        }
        assertFalse(ch.isOpen(), "a frame begun 30 s ago is still incomplete");
        OperationTimeoutException e = assertInstanceOf(OperationTimeoutException.class, protocol.caught);
        assertEquals(Phase.READ, e.phase());
        assertEquals(FRAME, e.limit());
        assertTrue(e.getMessage().contains("a frame in progress from"), e.getMessage());
        assertTrue(e.getMessage().contains("3 read(s)"), e.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void framesCompletingKeepTheConnectionEvenWhenEveryBurstEndsMidFrame() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = timed(TimeoutHandler.Limits.builder().frame(FRAME).build(), protocol);
        // Split and coalesced: each burst completes the previous frame and starts the next one.
        ch.writeInbound(ascii("on"));
        elapse(ch, 20);
        for (int i = 0; i < 5; i++) {
            ch.writeInbound(ascii("e?tw"));
            elapse(ch, 20);
            ch.writeInbound(ascii("o?on"));
            elapse(ch, 20);
        }
        assertTrue(ch.isOpen(), "frames kept completing");
        assertEquals(10, protocol.frames().size());
        assertEquals(null, protocol.caught);
        ch.finishAndReleaseAll();
    }

    @Test
    void aStalledPeerIsLeftToTheIdleTimeOut() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = timed(TimeoutHandler.Limits.builder().idle(Duration.ofSeconds(100)).frame(FRAME).build(),
                protocol);
        ch.writeInbound(ascii("que"));
        elapse(ch, 29);
        ch.writeInbound(ascii("stion?"));
        // The frame completed, and nothing is in progress any more.
        elapse(ch, 60);
        assertTrue(ch.isOpen());
        elapse(ch, 40);
        assertFalse(ch.isOpen());
        assertEquals(Phase.IDLE, assertInstanceOf(OperationTimeoutException.class, protocol.caught).phase());
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizedFrameStillFailsAsTooLong() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = timed(TimeoutHandler.Limits.builder().frame(FRAME).build(), protocol);
        ch.writeInbound(ascii("y".repeat(100)));
        assertInstanceOf(TooLongFrameException.class, protocol.caught);
        ch.finishAndReleaseAll();
    }

    // ---- the write time-out

    @Test
    void bytesThePeerNeverTakesAreCutAsAWriteTimeOut() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = timed(TimeoutHandler.Limits.builder().idle(Duration.ofMinutes(5))
                .write(Duration.ofSeconds(30)).build(), protocol);
        // Not flushed, so the bytes stay queued, as for a peer whose window is shut.
        ch.write(ascii("an answer nobody reads"));
        elapse(ch, 20);
        assertTrue(ch.isOpen());
        elapse(ch, 20);
        assertFalse(ch.isOpen());
        OperationTimeoutException e = assertInstanceOf(OperationTimeoutException.class, protocol.caught);
        assertEquals(Phase.WRITE, e.phase());
        assertTrue(e.getMessage().contains("and none taken (the peer is not reading)"), e.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void bytesThatAreSentDoNotTimeOut() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = timed(TimeoutHandler.Limits.builder().write(Duration.ofSeconds(30)).build(), protocol);
        for (int i = 0; i < 10; i++) {
            ch.writeAndFlush(ascii("answer"));
            elapse(ch, 20);
        }
        assertTrue(ch.isOpen());
        assertEquals(10, ch.outboundMessages().size());
        ch.finishAndReleaseAll();
    }

    @Test
    void readTimeOutStillCountsOnlyReads() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = timed(TimeoutHandler.Limits.builder().read(Duration.ofSeconds(5)).build(), protocol);
        elapse(ch, 3);
        ch.writeAndFlush(ascii("talking"));
        elapse(ch, 3);
        assertFalse(ch.isOpen());
        assertEquals(Phase.READ, assertInstanceOf(OperationTimeoutException.class, protocol.caught).phase());
        assertTrue(protocol.caught.getMessage().contains("waiting for"), protocol.caught.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void oneTimerServesEveryLimit() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = timed(TimeoutHandler.Limits.builder().idle(Duration.ofSeconds(300))
                .read(Duration.ofSeconds(200)).frame(FRAME).write(Duration.ofSeconds(30)).build(), protocol);
        ch.writeInbound(ascii("partial"));
        ch.write(ascii("queued"));
        // The earliest deadline is the one timer's: both the frame and the write are due at 30 s.
        assertEquals(TimeUnit.SECONDS.toNanos(30), ch.runScheduledPendingTasks());
        elapse(ch, 30);
        assertFalse(ch.isOpen());
        assertEquals(-1, ch.runScheduledPendingTasks(), "nothing left scheduled once closed");
        ch.finishAndReleaseAll();
    }

    // ---- the frame budget

    @Test
    void aBurstBeyondTheBudgetIsHandedOnABatchPerTurnInOrder() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(questions(), new FrameBudgetHandler(3), protocol);
        // Coalesced: eight frames in one read; the runs of the loop are the pending tasks.
        ch.writeInbound(ascii("1?2?3?4?5?6?7?8?"));
        assertEquals(List.of("1", "2", "3", "|", "4", "5", "6", "|", "7", "8", "|"), protocol.seen);
        assertTrue(ch.config().isAutoRead(), "reading resumed once nothing waits");
        ch.finishAndReleaseAll();
    }

    @Test
    void readingStopsWhileFramesWaitAndEventsKeepTheirPlace() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(questions(), new FrameBudgetHandler(2), protocol);
        ch.pipeline().fireChannelRead(ascii("a?b?c?"));
        assertFalse(ch.config().isAutoRead(), "past the budget, reading stops");
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.pipeline().fireChannelReadComplete();
        assertEquals(List.of("a", "b", "|"), protocol.seen);
        ch.runPendingTasks();
        assertEquals(List.of("a", "b", "|", "c", "eof", "|"), protocol.seen);
        assertTrue(ch.config().isAutoRead());
        ch.finishAndReleaseAll();
    }

    @Test
    void framesWaitingWhenThePeerLeavesAreHandedOnBeforeTheEnd() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(questions(), new FrameBudgetHandler(1), protocol);
        ch.pipeline().fireChannelRead(ascii("a?b?c?"));
        ch.close();
        assertEquals(List.of("a", "b", "c"), protocol.frames());
        ch.finishAndReleaseAll();
    }

    @Test
    void aDecoderFailureWaitsBehindTheFramesBeforeIt() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(questions(), new FrameBudgetHandler(1), protocol);
        ch.writeInbound(ascii("a?b?" + "z".repeat(100)));
        assertEquals(List.of("a", "b", "error"), protocol.frames());
        ch.finishAndReleaseAll();
    }

    @Test
    void backPressureAndTheBudgetShareAutoRead() {
        Recorder protocol = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(questions(), new FrameBudgetHandler(1), protocol);
        ch.pipeline().fireChannelRead(ascii("a?b?"));
        assertFalse(ch.config().isAutoRead());
        assertTrue(ReadSuspension.suspend(ch, ReadSuspension.BACK_PRESSURE));
        ch.runPendingTasks();
        assertFalse(ch.config().isAutoRead(), "still not writable: reading stays off after the budget is done");
        ReadSuspension.resume(ch, ReadSuspension.BACK_PRESSURE);
        assertTrue(ch.config().isAutoRead());
        // A protocol that turned auto-read off itself keeps it off.
        ch.config().setAutoRead(false);
        assertFalse(ReadSuspension.suspend(ch, ReadSuspension.BACK_PRESSURE));
        ReadSuspension.resume(ch, ReadSuspension.BACK_PRESSURE);
        assertFalse(ch.config().isAutoRead());
        ch.finishAndReleaseAll();
    }

    /** Holds the flushes of a peer that is not reading, until the test lets it read what waits. */
    private static final class SlowPeer extends ChannelOutboundHandlerAdapter {
        private ChannelHandlerContext ctx;
        private boolean reading;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (reading) {
                ctx.flush();
            }
        }

        /** The peer reads everything written so far. */
        void read() {
            reading = true;
            ctx.flush();
            reading = false;
        }
    }

    /** Answers each frame at once with a large write: its number, padded to {@code size} bytes. */
    private static final class LargeAnswers extends ChannelInboundHandlerAdapter {
        private final int size;
        private int frames;

        LargeAnswers(int size) {
            this.size = size;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            String number = Integer.toString(frames++);
            ctx.write(ascii(number + " ".repeat(size - number.length())));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    @Test
    void framesWaitWhileTheConnectionIsNotWritableAndEveryOneIsAnsweredAsThePeerReads() {
        int questions = 500;
        int answerSize = 1000;
        int maxPending = 16 * 1024;
        SlowPeer peer = new SlowPeer();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 4096));
        ch.pipeline().addLast(peer, new PendingWriteLimitHandler(maxPending), new BackPressureHandler(), questions(),
                new FrameBudgetHandler(64), new LargeAnswers(answerSize));
        // One read of 500 tiny questions: answered all at once, 500 KB would queue for a peer that is not reading.
        ch.writeInbound(ascii("q?".repeat(questions)));
        assertFalse(ch.isWritable(), "the answers so far fill the buffer past its high water mark");
        assertTrue(ch.unsafe().outboundBuffer().totalPendingWriteBytes() <= 4096 + answerSize + 256,
                "no answer is made while the connection is not writable: "
                        + ch.unsafe().outboundBuffer().totalPendingWriteBytes());
        assertFalse(ch.config().isAutoRead(), "nothing more is read meanwhile");
        List<String> answers = new ArrayList<>();
        for (int turn = 0; turn < 10 * questions && answers.size() < questions; turn++) {
            assertTrue(ch.isOpen(), "the connection is never dropped");
            peer.read();
            ch.runPendingTasks();
            for (ByteBuf answer = ch.readOutbound(); answer != null; answer = ch.readOutbound()) {
                answers.add(answer.toString(StandardCharsets.US_ASCII).trim());
                answer.release();
            }
        }
        assertTrue(ch.isOpen(), "the connection is never dropped");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, answers, "every question answered, in order");
        assertTrue(ch.config().isAutoRead(), "reading resumed once nothing waits");
        ch.checkException();
        ch.finishAndReleaseAll();
    }

    // ---- refusals logged as a summary

    @Test
    void aFloodOfRefusalsMakesOneLineNotOnePerConnection() throws Exception {
        RecordingLog log = new RecordingLog();
        // A window no test outlasts, so that the count of lines does not depend on the machine's speed.
        LogSummary rejections = new LogSummary(log.logger(), "test: rejected connections", Duration.ofHours(1));
        MetricsRecorder recorder = new MetricsRecorder();
        ConnectionMetrics metrics = recorder.metrics();
        ConnectionLimiter limiter = new ConnectionLimiter(1000, 2);
        List<EmbeddedChannel> channels = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            channels.add(new PeerChannel(i < 250 ? "192.0.2.7" : "192.0.2.8",
                    new ConnectionLimitHandler(limiter, recorder, "test", rejections)));
        }
        assertEquals(296, metrics.connectionsRejected());
        List<String> lines = log.lines(Level.WARN);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("test: rejected connection from /192.0.2.7:40000: "
                + "2 connections from 192.0.2.7 are open and the per-address limit is 2"), lines.get(0));
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
        assertEquals(0, limiter.open());
    }

    /** An embedded channel with a real-looking peer address, as the limit handler needs. */
    private static final class PeerChannel extends EmbeddedChannel {
        private final java.net.InetSocketAddress remote;

        PeerChannel(String ip, ChannelHandler... handlers) throws Exception {
            super(EmbeddedChannel.builder().register(false).handlers(handlers));
            this.remote = new java.net.InetSocketAddress(java.net.InetAddress.getByName(ip), 40000);
            register();
        }

        @Override
        protected java.net.SocketAddress remoteAddress0() {
            return remote;
        }
    }
}

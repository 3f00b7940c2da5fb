package dev.toolkit.core.pipeline;

import dev.toolkit.core.config.Checks;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.OperationTimeoutException.Phase;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Ticker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Every time-out of a connection with one timer: it is armed for the earliest deadline and, when it fires,
 * either closes the connection or re-arms itself for the next one, so traffic itself costs only a clock
 * reading. Before closing it reports an {@link OperationTimeoutException} whose phase says which limit was
 * exceeded:
 * <ul>
 * <li>{@link Phase#IDLE}: nothing read, nothing written and no queued byte sent for {@link Limits#idle()};</li>
 * <li>{@link Phase#READ}: nothing read for {@link Limits#read()}, or a frame in progress not completed within
 * {@link Limits#frame()}: bytes keep arriving but no read burst since the first of them produced a whole
 * frame, which cuts a client that trickles a frame a byte at a time (a peer that stops sending altogether is
 * the idle time-out's);</li>
 * <li>{@link Phase#WRITE}: bytes queued for the peer and none of them sent for {@link Limits#write()} (a
 * peer that does not read).</li>
 * </ul>
 *
 * <p>To see frames, the handler sits right after the protocol's framing decoder (the connection pipeline
 * puts it there): each message it sees is a complete frame; without a decoder before it every read counts
 * as one. One instance per connection.
 */
final class TimeoutHandler extends ChannelDuplexHandler {

    private final Limits limits;
    private ChannelHandlerContext ctx;
    private Ticker ticker;
    private Future<?> timer;
    private long timerDeadline;
    private boolean fired;

    private long lastRead;
    private long lastActivity;
    /** When the frame in progress started, or -1 when none is. */
    private long frameStarted = -1;
    private boolean frameSeen;
    private long frameReads;
    /** When queued bytes last moved, or -1 when nothing is queued. */
    private long writeProgress = -1;
    private long lastPending;
    private Object lastCurrent;
    private long lastCurrentProgress;

    /** A handler enforcing {@code limits}. */
    TimeoutHandler(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Closes the connection after {@code limit} without traffic either way. */
    static TimeoutHandler idle(Duration limit) {
        return new TimeoutHandler(Limits.builder().idle(positive(limit, "idle time-out")).build());
    }

    /** Closes the connection after {@code limit} without anything read. */
    static TimeoutHandler read(Duration limit) {
        return new TimeoutHandler(Limits.builder().read(positive(limit, "read time-out")).build());
    }

    /** The limits enforced. */
    Limits limits() {
        return limits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.ticker = ctx.executor().ticker();
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        frameSeen = true;
        ctx.fireChannelRead(msg);
    }

    /** A read burst ended: a frame in progress begins, goes on, or (when the burst held frames) ends. */
    private void noteBurst(long now) {
        if (frameSeen || limits.frame == null) {
            frameStarted = -1;
            frameReads = 0;
            return;
        }
        frameReads++;
        if (frameStarted < 0) {
            frameStarted = now;
            if (timer != null && now + limits.frame.toNanos() < timerDeadline) {
                stop();
                arm(now);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        long now = ticker.nanoTime();
        lastRead = now;
        lastActivity = now;
        noteBurst(now);
        frameSeen = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long now = ticker.nanoTime();
        lastActivity = now;
        boolean first = writeProgress < 0;
        ctx.write(msg, promise);
        if (first && limits.write != null) {
            // Nothing was queued at the last look: the write clock starts now, from what the queue holds.
            ChannelOutboundBuffer queue = ctx.channel().unsafe().outboundBuffer();
            if (queue != null) {
                writeProgress = now;
                lastPending = queue.totalPendingWriteBytes();
                lastCurrent = queue.current();
                lastCurrentProgress = queue.currentProgress();
            }
        }
    }

    private void start() {
        if (timer != null || fired || limits.isEmpty()) {
            return;
        }
        long now = ticker.nanoTime();
        lastRead = now;
        lastActivity = now;
        arm(now);
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long now) {
        long next = Long.MAX_VALUE;
        next = Math.min(next, deadline(limits.idle, lastActivity));
        next = Math.min(next, deadline(limits.read, lastRead));
        next = Math.min(next, frameStarted < 0 ? Long.MAX_VALUE : deadline(limits.frame, frameStarted));
        // A write time-out is looked at even while nothing is queued, so that new queued bytes are noticed.
        next = Math.min(next, deadline(limits.write, writeProgress < 0 ? now : writeProgress));
        if (next == Long.MAX_VALUE) {
            timer = null;
            return;
        }
        timerDeadline = next;
        timer = ctx.executor().schedule(this::check, Math.max(1, next - now), TimeUnit.NANOSECONDS);
    }

    private static long deadline(Duration limit, long from) {
        return limit == null ? Long.MAX_VALUE : from + limit.toNanos();
    }

    private void check() {
        timer = null;
        if (fired || !ctx.channel().isActive()) {
            return;
        }
        long now = ticker.nanoTime();
        noteOutputProgress(now);
        if (expired(limits.write, writeProgress, now)) {
            fire(peerNotReading(limits.write, ctx.channel(), lastPending));
        } else if (expired(limits.frame, frameStarted, now)) {
            fire(new OperationTimeoutException(Phase.READ, limits.frame, "a frame in progress from "
                    + ClientAddress.of(ctx.channel()) + " (" + frameReads + " read(s) since it began, none "
                    + "completing it)", null));
        } else if (expired(limits.read, lastRead, now)) {
            fire(new OperationTimeoutException(Phase.READ, limits.read, "waiting for "
                    + ClientAddress.of(ctx.channel()), null));
        } else if (expired(limits.idle, lastActivity, now)) {
            fire(new OperationTimeoutException(Phase.IDLE, limits.idle, "no traffic with "
                    + ClientAddress.of(ctx.channel()), null));
        } else {
            arm(now);
        }
    }

    private static OperationTimeoutException peerNotReading(Duration limit, Channel channel, long bytes) {
        return OperationTimeoutException.peerNotReading(limit, ClientAddress.of(channel), bytes);
    }

    private static boolean expired(Duration limit, long from, long now) {
        return limit != null && from >= 0 && now - from >= limit.toNanos();
    }

    /** Queued bytes that move are traffic: they reset the idle clock and the write clock. */
    private void noteOutputProgress(long now) {
        ChannelOutboundBuffer queue = ctx.channel().unsafe().outboundBuffer();
        if (queue == null || queue.totalPendingWriteBytes() == 0) {
            writeProgress = -1;
            lastPending = 0;
            lastCurrent = null;
            return;
        }
        long pending = queue.totalPendingWriteBytes();
        Object current = queue.current();
        long progress = queue.currentProgress();
        // Bytes sent: the message at the head changed (not merely got flushed), or more of it went out, or
        // less is queued. More bytes queued is not progress.
        boolean moved = writeProgress >= 0 && (lastCurrent != null && current != lastCurrent
                || current == lastCurrent && progress != lastCurrentProgress || pending < lastPending);
        if (writeProgress < 0 || moved) {
            writeProgress = now;
        }
        if (moved) {
            lastActivity = now;
        }
        lastPending = pending;
        lastCurrent = current;
        lastCurrentProgress = progress;
    }

    private void fire(OperationTimeoutException timeout) {
        fired = true;
        ctx.fireExceptionCaught(timeout);
        ctx.close();
    }

    private static Duration positive(Duration limit, String what) {
        Objects.requireNonNull(limit, what);
        return Checks.positiveOrNull(limit, what);
    }

    /**
     * The time-outs of one connection, each {@code null} when off. Immutable; build with {@link #builder()}.
     */
    static final class Limits {

        private final Duration idle;
        private final Duration read;
        private final Duration frame;
        private final Duration write;

        private Limits(Builder b) {
            this.idle = b.idle;
            this.read = b.read;
            this.frame = b.frame;
            this.write = b.write;
        }

        /** A builder with every time-out off. */
        public static Builder builder() {
            return new Builder();
        }

        /** No traffic either way for this long. */
        public Duration idle() {
            return idle;
        }

        /** Nothing read for this long. */
        public Duration read() {
            return read;
        }

        /** A frame in progress not completed within this long. */
        public Duration frame() {
            return frame;
        }

        /** Queued bytes not sent for this long. */
        public Duration write() {
            return write;
        }

        boolean isEmpty() {
            return idle == null && read == null && frame == null && write == null;
        }

        @Override
        public String toString() {
            return "Limits{idle=" + idle + ", read=" + read + ", frame=" + frame + ", write=" + write + "}";
        }

        /** Builds {@link Limits}; each setter takes a positive duration or {@code null} for off. */
        public static final class Builder {
            private Duration idle;
            private Duration read;
            private Duration frame;
            private Duration write;

            private Builder() {
            }

            /** Idle time-out (default off). */
            public Builder idle(Duration limit) {
                this.idle = Checks.positiveOrNull(limit, "idle time-out");
                return this;
            }

            /** Read time-out (default off). */
            public Builder read(Duration limit) {
                this.read = Checks.positiveOrNull(limit, "read time-out");
                return this;
            }

            /** Time-out of a frame in progress (default off). */
            public Builder frame(Duration limit) {
                this.frame = Checks.positiveOrNull(limit, "frame time-out");
                return this;
            }

            /** Write time-out (default off). */
            public Builder write(Duration limit) {
                this.write = Checks.positiveOrNull(limit, "write time-out");
                return this;
            }

            /** The limits. */
            public Limits build() {
                return new Limits(this);
            }
        }
    }
}

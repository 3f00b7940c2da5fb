package dev.toolkit.core.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelOutputShutdownEvent;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Fairness between the connections of one event loop, and answers paced by the peer: at most
 * {@code maxFramesPerTurn} frames reach the protocol per turn of the loop, and none while the connection is
 * not writable. Past the budget, or while more bytes wait for the peer than the high water mark, reading stops
 * and what the framing decoder still produces from bytes already read (frames, events, failures) waits here in
 * order; the rest is handed on a batch per later turn (a task scheduled without delay, which the loop runs
 * after its next I/O), each batch followed by a read-complete so the protocol flushes its answers, and only
 * while the connection is writable: a batch stops at the frame whose answer made it unwritable, and the next
 * one starts when the peer has read enough for it to be writable again. Reading resumes once nothing waits.
 * Other connections on the loop are served in between. So one read of many small requests with large answers
 * never queues more answers than the water mark allows, and the bound on pending bytes is not reached by a
 * protocol that answers each frame at once.
 * Protocols need no change: the handler sits right after their framing decoder (the connection pipeline puts
 * it there) and sees only whole frames. At most one read burst of frames ever waits. One instance per
 * connection.
 */
final class FrameBudgetHandler extends ChannelInboundHandlerAdapter {

    private final int maxFramesPerTurn;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private int framesThisTurn;
    private boolean holding;
    private boolean drainScheduled;
    private ChannelHandlerContext ctx;

    /** @param maxFramesPerTurn the most frames handed to the protocol per turn of the event loop */
    FrameBudgetHandler(int maxFramesPerTurn) {
        if (maxFramesPerTurn < 1) {
            throw new IllegalArgumentException("maxFramesPerTurn must be at least 1: " + maxFramesPerTurn);
        }
        this.maxFramesPerTurn = maxFramesPerTurn;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (holding) {
            waiting.add(msg);
            return;
        }
        boolean writable = !waitsForPeer(ctx.channel());
        if (!writable || ++framesThisTurn > maxFramesPerTurn) {
            holding = true;
            ReadSuspension.suspend(ctx.channel(), ReadSuspension.FRAME_BUDGET);
            waiting.add(msg);
            if (writable) {
                scheduleDrain();
            }
            // Not writable: channelWritabilityChanged starts the drain once the peer has read enough.
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.fireChannelWritabilityChanged();
        if (holding && !waitsForPeer(ctx.channel())) {
            scheduleDrain();
        }
    }

    /**
     * Whether more bytes wait for the peer than the high water mark. A connection whose output is shut down
     * (or closed) has no outbound buffer, so Netty calls it not writable; nothing waits for the peer there,
     * and frames go on (a protocol may read after it has finished writing).
     */
    private static boolean waitsForPeer(Channel channel) {
        return !channel.isWritable() && channel.unsafe().outboundBuffer() != null;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!holding) {
            framesThisTurn = 0;
        }
        // Even while holding: the frames handed on so far get their answers flushed.
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (holding) {
            waiting.add(new Event(evt));
            if (evt instanceof ChannelOutputShutdownEvent) {
                // No writability change follows the end of the output: the frames held for it go on now.
                scheduleDrain();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (holding) {
            waiting.add(new Failure(cause));
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // As a decoder does with its last bytes: what was received is handed on before the end.
        handOn(Integer.MAX_VALUE, false);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        handOn(Integer.MAX_VALUE, false);
    }

    private void scheduleDrain() {
        if (!drainScheduled) {
            drainScheduled = true;
            // Scheduled, not executed: a task queued by a task runs in the same batch of tasks, before the loop
            // goes back to the other connections' I/O; a due scheduled task waits for the next turn.
            ctx.executor().schedule(this::drain, 0, TimeUnit.NANOSECONDS);
        }
    }

    private void drain() {
        drainScheduled = false;
        if (!holding || waitsForPeer(ctx.channel())) {
            return;
        }
        handOn(maxFramesPerTurn, true);
        if (holding) {
            // The answers handed on so far are flushed; not writable, the next batch waits for writability.
            ctx.fireChannelReadComplete();
            if (!waitsForPeer(ctx.channel())) {
                scheduleDrain();
            }
        }
    }

    /**
     * Hands on up to {@code frames} waiting frames (and the events between them), with {@code whileWritable}
     * only as long as the connection is writable; stops holding when none is left.
     */
    private void handOn(int frames, boolean whileWritable) {
        int handed = 0;
        while (!waiting.isEmpty() && handed < frames && !(whileWritable && waitsForPeer(ctx.channel()))) {
            Object next = waiting.poll();
            if (next instanceof Event) {
                ctx.fireUserEventTriggered(((Event) next).event);
            } else if (next instanceof Failure) {
                ctx.fireExceptionCaught(((Failure) next).cause);
            } else {
                handed++;
                ctx.fireChannelRead(next);
            }
        }
        if (waiting.isEmpty() && holding) {
            holding = false;
            framesThisTurn = 0;
            ctx.fireChannelReadComplete();
            ReadSuspension.resume(ctx.channel(), ReadSuspension.FRAME_BUDGET);
        }
    }

    private static final class Event {
        final Object event;

        Event(Object event) {
            this.event = event;
        }
    }

    private static final class Failure {
        final Throwable cause;

        Failure(Throwable cause) {
            this.cause = cause;
        }
    }
}

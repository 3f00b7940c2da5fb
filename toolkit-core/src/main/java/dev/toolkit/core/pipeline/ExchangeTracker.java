package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.observe.MetricsRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * Knows whether a server connection is in the middle of an exchange, so that a draining server closes it only
 * between exchanges, and counts completed exchanges.
 *
 * <p>The rule: the connection is busy when bytes were read that no completed write has answered yet (a write
 * answers every read that came before it was issued), when a write has not completed, or between a protocol's
 * {@link ExchangeEvent#BEGIN} and {@link ExchangeEvent#END}. Once draining, a connection that is not busy is
 * closed; one that is busy is closed as soon as it stops being busy, and bytes that arrive after the decision
 * to close are dropped unread.
 *
 * <p>It also notices a peer that closes the connection in the middle of an exchange (a request cut short) and
 * reports it as a {@link ConnectionClosedException} to the error handler. One instance per connection, near the
 * head of the pipeline. The draining state is guarded by the instance's lock because the blocking servers ask
 * for it from the thread that stops the server.
 */
final class ExchangeTracker extends ChannelDuplexHandler {

    static final String NAME = ConnectionPipeline.EXCHANGE;

    private final MetricsRecorder metrics;
    private ChannelHandlerContext ctx;

    // Guarded by this.
    private long reads;
    private long answered;
    private int pendingWrites;
    private boolean explicit;
    private long unansweredBytes;
    private long exchangeStart;
    private boolean draining;
    private boolean closing;

    // Used by the connection's own thread only.
    private boolean closedLocally;
    private boolean failed;

    ExchangeTracker(MetricsRecorder metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Starts draining this connection. Safe from any thread.
     *
     * @return {@code true} if the connection is idle and the caller must close it now; {@code false} if it is
     *     busy (it will close itself when the exchange ends) or already closing
     */
    public synchronized boolean beginDrain() {
        draining = true;
        if (closing || busy()) {
            return false;
        }
        closing = true;
        return true;
    }

    /** Records that the server closes the connection whatever its state (end of the grace period). */
    public synchronized void forceClosing() {
        closing = true;
    }

    /** Whether a drain has begun on this connection. */
    synchronized boolean isDraining() {
        return draining;
    }

    /** Whether the connection is in the middle of an exchange. */
    synchronized boolean isBusy() {
        return busy();
    }

    private boolean busy() {
        return reads > answered || pendingWrites > 0 || explicit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf && ((ByteBuf) msg).isReadable() && !admit(((ByteBuf) msg).readableBytes())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private synchronized boolean admit(int bytes) {
        if (closing) {
            return false;
        }
        if (!busy()) {
            exchangeStart = System.nanoTime();
        }
        reads++;
        unansweredBytes += bytes;
        return true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long answers;
        synchronized (this) {
            pendingWrites++;
            answers = reads;
        }
        ChannelPromise tracked = promise.unvoid();
        tracked.addListener(f -> writeDone(answers, f.isSuccess()));
        ctx.write(msg, tracked);
    }

    private void writeDone(long answers, boolean success) {
        boolean check;
        synchronized (this) {
            pendingWrites--;
            if (success && answers > answered) {
                answered = answers;
                if (answered == reads && !explicit) {
                    exchangeCompleted();
                }
            }
            check = draining && !busy();
        }
        if (check) {
            scheduleDrainCheck();
        }
    }

    private void exchangeCompleted() {
        metrics.exchangeCompleted(System.nanoTime() - exchangeStart);
        unansweredBytes = 0;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ExchangeEvent.BEGIN) {
            synchronized (this) {
                if (!busy()) {
                    exchangeStart = System.nanoTime();
                }
                explicit = true;
            }
        } else if (evt == ExchangeEvent.END) {
            boolean check;
            synchronized (this) {
                if (explicit || reads > answered) {
                    exchangeCompleted();
                }
                explicit = false;
                answered = reads;
                check = draining && !busy();
            }
            if (check) {
                scheduleDrainCheck();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /**
     * Looks again once the current work is done: a write that completes in the middle of a handler may be
     * followed at once by another one that belongs to the same answer.
     */
    private void scheduleDrainCheck() {
        ctx.executor().execute(() -> {
            synchronized (this) {
                if (!draining || closing || busy()) {
                    return;
                }
                closing = true;
            }
            ctx.channel().close();
        });
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        closedLocally = true;
        ctx.close(promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed = true;
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean cut;
        long pending;
        synchronized (this) {
            cut = busy() && !closing;
            pending = unansweredBytes;
        }
        if (cut && !closedLocally && !failed) {
            ctx.fireExceptionCaught(new ConnectionClosedException(ConnectionClosedException.Side.REMOTE,
                    "in the middle of an exchange", pending, null));
        }
        ctx.fireChannelInactive();
    }
}

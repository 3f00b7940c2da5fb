package dev.toolkit.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP time-outs of one connection, on one timer. It sits before the codec, so it sees every byte as it
 * arrives, and the exchange handler tells it where the connection is in a request:
 * <ul>
 * <li>header: from the connection's opening, or the first byte after the previous request, to the end of the
 * header section ({@link HttpServerConfig#headerTimeout()}); not extended by bytes that keep trickling in;</li>
 * <li>body: the longest gap between two reads while the server wants body bytes
 * ({@link HttpServerConfig#bodyTimeout()}); not counted while the application is not reading;</li>
 * <li>keep-alive: idle between requests ({@link HttpServerConfig#keepAliveTimeout()}), then a quiet close.</li>
 * </ul>
 * A header or body time-out is reported to the exchange handler, which answers 408 and closes.
 */
final class RequestTimeouts extends ChannelInboundHandlerAdapter {

    /** What the connection is waiting for. */
    enum Phase { HEADER, BODY, BODY_PAUSED, BUSY, IDLE }

    /** Told when a header or body time-out expires. */
    interface Listener {
        void headerTimedOut(Duration limit);

        void bodyTimedOut(Duration limit);
    }

    private final long headerNanos;
    private final long bodyNanos;
    private final long keepAliveNanos;
    private final Duration header;
    private final Duration body;
    private Listener listener;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.HEADER;
    private long deadline;
    private ScheduledFuture<?> timer;
    private long timerDeadline;

    RequestTimeouts(HttpServerConfig config) {
        this.header = config.headerTimeout();
        this.body = config.bodyTimeout();
        this.headerNanos = config.headerTimeout().toNanos();
        this.bodyNanos = config.bodyTimeout().toNanos();
        this.keepAliveNanos = config.keepAliveTimeout().toNanos();
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        enter(Phase.HEADER, headerNanos);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        phase = Phase.BUSY;
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
            if (phase == Phase.IDLE || phase == Phase.BUSY) {
                enter(Phase.HEADER, headerNanos);
            } else if (phase == Phase.BODY) {
                deadline = System.nanoTime() + bodyNanos;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** The header section of a request was read; a body follows or not. */
    void headerReceived(boolean bodyFollows) {
        if (bodyFollows) {
            enter(Phase.BODY, bodyNanos);
        } else {
            enter(Phase.BUSY, 0);
        }
    }

    /** The server stopped reading the body (nobody consumes it now): its gaps do not count. */
    void bodyPaused() {
        if (phase == Phase.BODY) {
            enter(Phase.BODY_PAUSED, 0);
        }
    }

    /** The server reads the body again. */
    void bodyResumed() {
        if (phase == Phase.BODY_PAUSED) {
            enter(Phase.BODY, bodyNanos);
        }
    }

    /** The body was read to its end. */
    void bodyReceived() {
        if (phase == Phase.BODY || phase == Phase.BODY_PAUSED) {
            enter(Phase.BUSY, 0);
        }
    }

    /** Every request read so far is answered: the keep-alive wait begins, unless a next request has begun. */
    void idle() {
        if (phase == Phase.BUSY) {
            enter(Phase.IDLE, keepAliveNanos);
        }
    }

    /** No more time-outs: the connection is closing. */
    void stop() {
        cancel();
        phase = Phase.BUSY;
    }

    Phase phase() {
        return phase;
    }

    private void enter(Phase next, long nanos) {
        phase = next;
        if (nanos == 0) {
            deadline = 0;
            return;
        }
        deadline = System.nanoTime() + nanos;
        arm(deadline);
    }

    private void arm(long at) {
        if (timer != null && timerDeadline <= at) {
            return;
        }
        cancel();
        timerDeadline = at;
        timer = ctx.executor().schedule(this::check, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check() {
        timer = null;
        if (deadline == 0 || !ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (now - deadline < 0) {
            arm(deadline);
            return;
        }
        Phase expired = phase;
        deadline = 0;
        phase = Phase.BUSY;
        switch (expired) {
            case HEADER:
                listener.headerTimedOut(header);
                break;
            case BODY:
                listener.bodyTimedOut(body);
                break;
            case IDLE:
                ctx.channel().close();
                break;
            default:
                break;
        }
    }
}

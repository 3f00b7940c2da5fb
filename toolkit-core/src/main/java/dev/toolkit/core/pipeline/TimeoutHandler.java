package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.OperationTimeoutException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that stays quiet too long, reporting an {@link OperationTimeoutException} to the
 * pipeline's error handler first: {@link #idle(Duration)} when nothing was read or written (a write still
 * being sent counts as traffic), {@link #read(Duration)} when nothing was read. Used by servers and clients;
 * one instance per connection.
 */
final class TimeoutHandler extends IdleStateHandler {


    private final OperationTimeoutException.Phase phase;
    private final Duration limit;
    private boolean fired;

    private TimeoutHandler(OperationTimeoutException.Phase phase, Duration limit) {
        super(true,
                phase == OperationTimeoutException.Phase.READ ? limit.toNanos() : 0,
                0,
                phase == OperationTimeoutException.Phase.IDLE ? limit.toNanos() : 0,
                TimeUnit.NANOSECONDS);
        this.phase = phase;
        this.limit = limit;
    }

    /** Closes the connection after {@code limit} without traffic either way. */
    static TimeoutHandler idle(Duration limit) {
        return new TimeoutHandler(OperationTimeoutException.Phase.IDLE, positive(limit));
    }

    /** Closes the connection after {@code limit} without anything read. */
    static TimeoutHandler read(Duration limit) {
        return new TimeoutHandler(OperationTimeoutException.Phase.READ, positive(limit));
    }

    /** Which time-out this handler enforces. */
    public OperationTimeoutException.Phase phase() {
        return phase;
    }

    /** The time-out. */
    public Duration limit() {
        return limit;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        if (fired) {
            return;
        }
        fired = true;
        String detail = (phase == OperationTimeoutException.Phase.IDLE ? "no traffic with " : "waiting for ")
                + ClientAddress.of(ctx.channel());
        ctx.fireExceptionCaught(new OperationTimeoutException(phase, limit, detail, null));
        ctx.close();
    }

    private static Duration positive(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time-out must be positive: " + limit);
        }
        return limit;
    }
}

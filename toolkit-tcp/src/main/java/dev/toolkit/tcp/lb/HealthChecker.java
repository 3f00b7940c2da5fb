package dev.toolkit.tcp.lb;

import dev.toolkit.core.transport.OwnedResolverGroup;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks each backend by opening a TCP connection to it every interval (and closing it at once): a connect
 * within the time-out passes, anything else fails. The results move the backend in and out of rotation.
 */
final class HealthChecker {

    private final Bootstrap bootstrap;
    private final EventLoopGroup group;
    private final Duration interval;
    private final OwnedResolverGroup resolvers;
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    private volatile boolean stopped;

    HealthChecker(EventLoopGroup group, OwnedResolverGroup resolvers, Class<? extends SocketChannel> channelClass,
                  Duration interval, Duration timeout) {
        this.group = group;
        this.resolvers = resolvers;
        this.interval = interval;
        this.bootstrap = new Bootstrap().group(group).resolver(resolvers).channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(NoOp.INSTANCE);
    }

    /** Starts checking every backend of {@code pool}. */
    void start(BackendPool pool) {
        long nanos = interval.toNanos();
        for (Backend backend : pool.all()) {
            schedules.add(group.next().scheduleWithFixedDelay(() -> check(backend), nanos, nanos,
                    TimeUnit.NANOSECONDS));
        }
    }

    private void check(Backend backend) {
        if (stopped) {
            return;
        }
        ChannelFuture connect = bootstrap.connect(backend.address());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connect.channel().close();
                backend.succeeded();
            } else {
                backend.failed("health check: " + f.cause());
            }
        });
    }

    /** A check only connects; nothing is read or written. */
    @ChannelHandler.Sharable
    private static final class NoOp extends ChannelInboundHandlerAdapter {
        static final NoOp INSTANCE = new NoOp();
    }

    /** The balancer's resolver group, shared with its backend connections; closed before its loops stop. */
    OwnedResolverGroup resolvers() {
        return resolvers;
    }

    void stop() {
        stopped = true;
        schedules.forEach(s -> s.cancel(false));
    }
}

package dev.toolkit.core.pipeline;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.observe.LogSummary;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Admits a connection when it becomes active if the server's limits allow it; otherwise closes it at once,
 * counts it as rejected and logs why (through a {@link LogSummary}, so a flood of refusals makes one line per
 * second, not one per connection). A rejected connection's events stop here, so the handlers behind this
 * one (counters, time-outs, the protocol) never see it. First handler of a server connection; one per
 * connection.
 */
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = ConnectionPipeline.LIMITS;

    private static final Logger LOG = Logging.logger(ConnectionLimitHandler.class);

    private final ConnectionLimiter limiter;
    private final MetricsRecorder metrics;
    private final String serverName;
    private final LogSummary rejections;
    private InetAddress address;
    private boolean admitted;
    private boolean rejected;

    /** A handler logging each refusal on its own line; servers share one {@link #rejectionLog(String)}. */
    ConnectionLimitHandler(ConnectionLimiter limiter, MetricsRecorder metrics, String serverName) {
        this(limiter, metrics, serverName, null);
    }

    /**
     * @param rejections where refusals are logged, shared by a server's connections; {@code null} for one
     *     line per refusal
     */
    ConnectionLimitHandler(ConnectionLimiter limiter, MetricsRecorder metrics, String serverName,
                           LogSummary rejections) {
        this.limiter = limiter;
        this.metrics = metrics;
        this.serverName = serverName;
        this.rejections = rejections;
    }

    /** The summary a server's connections share for their refusals. */
    static LogSummary rejectionLog(String serverName) {
        return new LogSummary(LOG, serverName + ": rejected connections");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // The client's address: the one a PROXY protocol header named, read before this handler.
        SocketAddress remote = ClientAddress.of(ctx.channel());
        address = remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress() : null;
        String refusal = limiter.tryAcquire(address);
        if (refusal != null) {
            rejected = true;
            metrics.connectionRejected();
            String line = serverName + ": rejected connection from " + remote + ": " + refusal;
            if (rejections != null) {
                rejections.warn(address == null ? String.valueOf(remote) : address.getHostAddress(), line);
            } else {
                LOG.warn(line);
            }
            ctx.close();
            return;
        }
        admitted = true;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (rejected) {
            return;
        }
        if (admitted) {
            admitted = false;
            limiter.release(address);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!rejected) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (rejected) {
            ReferenceCountUtil.release(evt);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!rejected) {
            ctx.fireExceptionCaught(cause);
        }
    }
}

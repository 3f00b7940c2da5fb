package dev.toolkit.core.pipeline;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.ToolkitException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * The last handler of a connection's pipeline: maps any exception that reached it with
 * {@link Exceptions#map(Throwable, SocketAddress)}, counts it by kind, logs one line at WARN (plus the stack
 * trace at DEBUG for {@link ErrorKind#INTERNAL} failures, which are bugs), and closes the connection; a
 * message refused before any of it was written ({@link Exceptions#isOutbound}) leaves it open.
 * Protocol handlers that want to handle a failure themselves do so before it reaches this handler.
 */
@ChannelHandler.Sharable
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = ConnectionPipeline.ERRORS;

    private final String label;
    private final MetricsRecorder metrics;
    private final Logger log;

    /**
     * @param label names the server or client in log lines
     * @param metrics where errors are counted
     */
    ConnectionErrorHandler(String label, MetricsRecorder metrics) {
        this(label, metrics, Logging.logger(ConnectionErrorHandler.class));
    }

    /**
     * @param label names the server or client in log lines
     * @param metrics where errors are counted
     * @param log where the line is logged
     */
    ConnectionErrorHandler(String label, MetricsRecorder metrics, Logger log) {
        this.label = Objects.requireNonNull(label, "label");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (Exceptions.isOutbound(cause)) {
            // A message refused before any of it was written (a write without a future): the connection goes on.
            record(ctx, cause);
            return;
        }
        report(ctx, cause);
    }

    /** Maps, counts and logs {@code cause}, then closes the connection; returns the mapped exception. */
    ToolkitException report(ChannelHandlerContext ctx, Throwable cause) {
        ToolkitException e = record(ctx, cause);
        ctx.close();
        return e;
    }

    /** Maps, counts and logs {@code cause}; returns the mapped exception. */
    ToolkitException record(ChannelHandlerContext ctx, Throwable cause) {
        SocketAddress remote = ClientAddress.of(ctx.channel());
        ToolkitException e = Exceptions.map(cause, remote);
        metrics.error(e.kind());
        log.warn("{}: connection with {} failed: {}", label, remote, e.getMessage());
        if (e.kind() == ErrorKind.INTERNAL) {
            log.debug("{}: stack trace of the failure with {}", label, remote, cause);
        }
        return e;
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.BackPressureHandler;
import dev.toolkit.core.pipeline.ConnectionLimitHandler;
import dev.toolkit.core.pipeline.ConnectionLimiter;
import dev.toolkit.core.pipeline.ExchangeTracker;
import dev.toolkit.core.pipeline.FrameBudgetHandler;
import dev.toolkit.core.pipeline.PendingWriteLimitHandler;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.pipeline.ProxyHeaderHandler;
import dev.toolkit.core.pipeline.ProxyProtocol;
import dev.toolkit.core.pipeline.ProxyProtocolDetector;
import dev.toolkit.core.pipeline.TimeoutHandler;
import dev.toolkit.core.pipeline.ConnectionErrorHandler;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.MetricsHandler;
import dev.toolkit.core.pipeline.WireLogHandler;
import dev.toolkit.core.observe.LogSummary;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.Map;

/**
 * The one place that assembles a server connection's pipeline, for every architecture. From the head:
 * <ol>
 * <li>when {@link ServerConfig#proxyProtocol()} is on, the PROXY protocol header reader, which holds the
 * connection back until the client's address is known (so the limits count that address),</li>
 * <li>connection limits (a refused connection goes no further),</li>
 * <li>the exchange tracker (graceful shutdown; a peer leaving mid-exchange),</li>
 * <li>counters, then the wire log when enabled,</li>
 * <li>the bound on queued bytes, and back-pressure (stop reading while not writable),</li>
 * <li>the protocol's handlers, with, right after its framing decoder (the last {@link ByteToMessageDecoder}
 * it adds; without one, ahead of them), the one time-out handler (idle, read, frame in progress, write) and
 * the frame budget per turn of the loop, both of which need to see whole frames,</li>
 * <li>the error handler (map, count, log, close).</li>
 * </ol>
 * The write buffer water marks of the configuration are set on the channel too.
 */
final class ConnectionPipeline {

    private final ServerConfig config;
    private final ProtocolDefinition protocol;
    private final ConnectionMetrics metrics;
    private final ConnectionLimiter limiter;
    private final ChannelHandler wireLog;
    private final ConnectionErrorHandler errors;
    private final LogSummary rejections;
    private final TimeoutHandler.Limits timeouts;

    ConnectionPipeline(ServerConfig config, ProtocolDefinition protocol, ConnectionMetrics metrics) {
        this.config = config;
        this.protocol = protocol;
        this.metrics = metrics;
        this.limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerIp());
        this.wireLog = WireLogHandler.forMode(config.wireLog());
        this.errors = new ConnectionErrorHandler(config.name(), metrics);
        this.rejections = ConnectionLimitHandler.rejectionLog(config.name());
        this.timeouts = TimeoutHandler.Limits.builder().idle(config.idleTimeout()).read(config.readTimeout())
                .frame(config.frameTimeout()).write(config.writeTimeout()).build();
    }

    /**
     * Installs the pipeline on a new connection, before it is registered (so before it becomes active).
     *
     * @return the connection's exchange tracker, through which the server drains it
     */
    ExchangeTracker install(Channel channel) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(config.writeBufferLowWaterMark(),
                config.writeBufferHighWaterMark()));
        ChannelPipeline p = channel.pipeline();
        if (config.proxyProtocol() != ProxyProtocol.OFF) {
            p.addLast(ProxyProtocolDetector.NAME, new ProxyProtocolDetector(config.proxyProtocol()));
            p.addLast(ProxyHeaderHandler.NAME, new ProxyHeaderHandler(config.name(), ProxyProtocol.HEADER_TIMEOUT));
        }
        p.addLast(ConnectionLimitHandler.NAME, new ConnectionLimitHandler(limiter, metrics, config.name(), rejections));
        ExchangeTracker tracker = new ExchangeTracker(metrics);
        p.addLast(ExchangeTracker.NAME, tracker);
        p.addLast(MetricsHandler.NAME, new MetricsHandler(metrics));
        if (wireLog != null) {
            p.addLast(WireLogHandler.NAME, wireLog);
        }
        p.addLast(PendingWriteLimitHandler.NAME, new PendingWriteLimitHandler(config.maxPendingWriteBytes()));
        p.addLast(BackPressureHandler.NAME, new BackPressureHandler());
        protocol.initialize(channel);
        String framing = framingDecoder(p);
        p.addAfter(framing, FrameBudgetHandler.NAME, new FrameBudgetHandler(config.maxFramesPerTurn()));
        p.addAfter(framing, TimeoutHandler.NAME, new TimeoutHandler(timeouts));
        p.addLast(ConnectionErrorHandler.NAME, errors);
        return tracker;
    }

    /** The name of the protocol's last byte decoder, or of the handler before the protocol's if it has none. */
    private static String framingDecoder(ChannelPipeline p) {
        String last = BackPressureHandler.NAME;
        boolean protocolPart = false;
        for (Map.Entry<String, ChannelHandler> e : p) {
            if (protocolPart && e.getValue() instanceof ByteToMessageDecoder) {
                last = e.getKey();
            }
            protocolPart |= e.getKey().equals(BackPressureHandler.NAME);
        }
        return last;
    }

    /** The tracker installed on {@code channel}, or {@code null} if there is none. */
    static ExchangeTracker tracker(Channel channel) {
        return channel.pipeline().get(ExchangeTracker.class);
    }
}

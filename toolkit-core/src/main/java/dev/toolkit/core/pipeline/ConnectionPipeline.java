package dev.toolkit.core.pipeline;

import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.observe.LogSummary;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPipelineException;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageCodec;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.MessageToMessageCodec;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.ToolkitException;
import org.slf4j.Logger;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one assembler of the toolkit's connection pipeline, for every server connection (under every
 * architecture) and every client connection ({@code Connector}, {@code TcpClient}, both sides of the load
 * balancer). A connection's handlers, from the head, in stages:
 * <ol>
 * <li><b>PROXY header</b> ({@link #PROXY_DETECT}, {@link #PROXY_DECODER}, {@link #PROXY_HEADER}), when
 *     {@link PipelineSettings#proxyProtocol()} is on: the header is read first, before anything else, and the
 *     client's address it names ({@link ClientAddress}) is what the later stages see;</li>
 * <li><b>limits</b> ({@link #LIMITS}), when {@link PipelineSettings#maxConnections()} is set: a refused
 *     connection is closed here and goes no further;</li>
 * <li><b>security</b>: the {@link ServerSecurity} or {@link ClientSecurity} handlers (TLS), then
 *     {@link #READY}, the end of the stage, where the connection becomes ready;</li>
 * <li><b>metrics / wire log</b>: the exchange tracker ({@link #EXCHANGE}, servers), the counters
 *     ({@link #METRICS}), the wire log ({@link #WIRE_LOG}) of the plaintext;</li>
 * <li><b>bounds and time-outs</b>: the bound on queued bytes ({@link #PENDING_WRITES}), back-pressure
 *     ({@link #BACK_PRESSURE});</li>
 * <li><b>protocol</b>: the handlers the {@link ProtocolDefinition} adds, with right after its framing decoder
 *     (the last {@code ByteToMessageDecoder} it adds; without one, ahead of its handlers) the one time-out
 *     handler ({@link #TIMEOUTS}: idle, read, frame in progress, write, on one timer) and the frame budget per
 *     turn of the loop ({@link #FRAME_BUDGET}), both of which need to see whole frames; protocols change
 *     nothing for them;</li>
 * <li><b>errors</b> ({@link #ERRORS}): maps, counts and logs any failure, then closes the connection.</li>
 * </ol>
 *
 * <p><b>The connection-ready moment.</b> The first three stages are installed when the connection is created;
 * the others, the protocol among them, only once it is ready: active, past its PROXY header and the limits,
 * and with a security stage, past a successful handshake. The protocol's handlers are added then and see
 * {@code channelActive} at once, so a protocol never sees a connection that was refused or whose handshake
 * failed; those failures are logged by the error handler like every other. {@link #ready(Channel)} is the
 * promise of that moment: a client's connect completes with it, and fails with the handshake's
 * {@code TlsException}.
 *
 * <p><b>STARTTLS</b> adds the security stage later, on a ready connection, at the same place:
 * {@link #startSecurity(Channel, ServerSecurity)}.
 *
 * <p>One assembler per server (it holds the server's connection counts) or per client; the stateless handlers
 * (counters, wire log, errors) are made once here and shared by its connections.
 */
public final class ConnectionPipeline {

    /** Looks at the first bytes for a PROXY protocol header. */
    public static final String PROXY_DETECT = "toolkit-proxy-detect";
    /** Netty's PROXY header decoder, while the header is read. */
    public static final String PROXY_DECODER = "toolkit-proxy-decoder";
    /** Holds the connection back until the PROXY header is read. */
    public static final String PROXY_HEADER = "toolkit-proxy-header";
    /** The connection limits. */
    public static final String LIMITS = "toolkit-limits";
    /** The end of the security stage: security handlers go before it. */
    public static final String READY = "toolkit-ready";
    /** The exchange tracker (graceful drain). */
    public static final String EXCHANGE = "toolkit-exchange";
    /** The connection counters. */
    public static final String METRICS = "toolkit-metrics";
    /** The wire log. */
    public static final String WIRE_LOG = "toolkit-wire";
    /** The bound on queued bytes. */
    public static final String PENDING_WRITES = "toolkit-pending-writes";
    /** Back-pressure: no reading while not writable. */
    public static final String BACK_PRESSURE = "toolkit-back-pressure";
    /** The time-outs: idle, read, frame in progress and write, one handler on one timer. */
    public static final String TIMEOUTS = "toolkit-timeouts";
    /** The most frames handed to the protocol per turn of the loop. */
    public static final String FRAME_BUDGET = "toolkit-frame-budget";
    /** Outbound failures (a message the encoders refuse): right after the protocol's last encoder. */
    public static final String OUTBOUND_ERRORS = "toolkit-outbound-errors";
    /** The error handler, last; handlers a protocol adds later go before it. */
    public static final String ERRORS = "toolkit-errors";

    /** The end of Netty's message for a non-{@code @Sharable} handler added twice; it starts with the class. */
    private static final String NOT_SHARABLE = " is not a @Sharable handler";

    private static final AttributeKey<Promise<Channel>> READY_PROMISE =
            AttributeKey.valueOf(ConnectionPipeline.class, "ready");

    private final PipelineSettings settings;
    private final MetricsRecorder metrics;
    private final ConnectionLimiter limiter;
    private final MetricsHandler counters;
    private final ChannelHandler wireLog;
    private final ConnectionErrorHandler errors;
    private final OutboundErrorHandler outboundErrors;
    private final LogSummary rejections;
    private final TimeoutHandler.Limits timeouts;

    private ConnectionPipeline(PipelineSettings settings, MetricsRecorder metrics, ConnectionErrorHandler errors) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.limiter = settings.maxConnections() > 0
                ? new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerAddress()) : null;
        this.counters = new MetricsHandler(metrics);
        this.wireLog = WireLogHandler.forMode(settings.wireLog());
        this.errors = errors;
        this.outboundErrors = new OutboundErrorHandler(errors);
        this.rejections = limiter == null ? null : ConnectionLimitHandler.rejectionLog(settings.label());
        this.timeouts = TimeoutHandler.Limits.builder().idle(settings.idleTimeout()).read(settings.readTimeout())
                .frame(settings.frameTimeout()).write(settings.writeTimeout()).build();
    }

    /** An assembler for the connections of one server or client, counting into {@code metrics}. */
    public static ConnectionPipeline create(PipelineSettings settings, MetricsRecorder metrics) {
        return new ConnectionPipeline(settings, metrics, new ConnectionErrorHandler(settings.label(), metrics));
    }

    /** As {@link #create(PipelineSettings, MetricsRecorder)}, logging failures to {@code errorLog}. */
    static ConnectionPipeline create(PipelineSettings settings, MetricsRecorder metrics, Logger errorLog) {
        return new ConnectionPipeline(settings, metrics,
                new ConnectionErrorHandler(settings.label(), metrics, errorLog));
    }

    /** The settings this assembler installs. */
    public PipelineSettings settings() {
        return settings;
    }

    /**
     * Installs a server connection's pipeline, before the channel is registered (or, on an accepted channel,
     * in its initializer).
     *
     * @param security the TLS stage, or {@code null} for plaintext
     * @return the connection's drain control
     */
    public Drain installServer(Channel channel, ProtocolDefinition protocol, ServerSecurity security) {
        install(channel, protocol, security == null ? null : ch -> security.install(ch, READY));
        return new Drain(channel);
    }

    /**
     * Installs a client connection's pipeline, in the bootstrap's initializer.
     *
     * @param security the TLS stage, or {@code null} for plaintext
     * @param host the host of the connect call (for SNI and the certificate check)
     * @param port the port of the connect call
     */
    public void installClient(Channel channel, ProtocolDefinition protocol, ClientSecurity security,
                              String host, int port) {
        install(channel, protocol, security == null ? null : ch -> security.install(ch, READY, host, port));
    }

    private void install(Channel channel, ProtocolDefinition protocol, Consumer<Channel> security) {
        Objects.requireNonNull(protocol, "protocol");
        if (settings.writeBufferHighWaterMark() > 0) {
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(settings.writeBufferLowWaterMark(),
                    settings.writeBufferHighWaterMark()));
        }
        ChannelPipeline p = channel.pipeline();
        if (settings.proxyProtocol() != ProxyProtocol.OFF) {
            p.addLast(PROXY_DETECT, new ProxyProtocolDetector(settings.proxyProtocol()));
            p.addLast(PROXY_HEADER, new ProxyHeaderHandler(settings.label(), ProxyProtocol.HEADER_TIMEOUT));
        }
        if (limiter != null) {
            p.addLast(LIMITS, new ConnectionLimitHandler(limiter, metrics, settings.label(), rejections));
        }
        // Completed on the connection's thread; listeners run there (the channel may not be registered yet).
        Promise<Channel> ready = ImmediateEventExecutor.INSTANCE.newPromise();
        channel.attr(READY_PROMISE).set(ready);
        p.addLast(READY, new ConnectionReadyHandler(security != null, () -> installReady(channel, protocol),
                errors, ready));
        if (security != null) {
            security.accept(channel);
        }
    }

    /** The stages behind the ready point, the protocol and the error handler: added at the ready moment. */
    private void installReady(Channel channel, ProtocolDefinition protocol) {
        ChannelPipeline p = channel.pipeline();
        if (settings.trackExchanges()) {
            p.addLast(EXCHANGE, new ExchangeTracker(metrics));
        }
        p.addLast(METRICS, counters);
        if (wireLog != null) {
            p.addLast(WIRE_LOG, wireLog);
        }
        if (settings.maxPendingWriteBytes() > 0) {
            p.addLast(PENDING_WRITES, new PendingWriteLimitHandler(settings.maxPendingWriteBytes()));
        }
        if (settings.backPressure()) {
            p.addLast(BACK_PRESSURE, new BackPressureHandler());
        }
        String lastStage = p.lastContext().name();
        initializeProtocol(channel, protocol);
        p.addAfter(lastEncoder(p, lastStage), OUTBOUND_ERRORS, outboundErrors);
        String framing = framingDecoder(p, lastStage);
        if (settings.maxFramesPerTurn() > 0) {
            p.addAfter(framing, FRAME_BUDGET, new FrameBudgetHandler(settings.maxFramesPerTurn()));
        }
        if (!timeouts.isEmpty()) {
            p.addAfter(framing, TIMEOUTS, new TimeoutHandler(timeouts));
        }
        p.addLast(ERRORS, errors);
    }

    /**
     * Lets {@code protocol} add its handlers; a handler instance that is not {@code @Sharable} but was already
     * given to another connection is refused with a message naming its class (Netty says only that it cannot
     * be added twice).
     */
    private static void initializeProtocol(Channel channel, ProtocolDefinition protocol) {
        try {
            protocol.initialize(channel);
        } catch (ChannelPipelineException e) {
            String message = String.valueOf(e.getMessage());
            int end = message.indexOf(NOT_SHARABLE);
            if (end <= 0) {
                throw e;
            }
            String handler = message.substring(0, end);
            throw new ToolkitException(ErrorKind.INTERNAL, "the protocol handler " + handler + " is not @Sharable"
                    + " but the same instance was given to a second connection: create a new " + handler
                    + " for each connection in ProtocolDefinition.initialize (or mark it @Sharable if it keeps no"
                    + " state of a connection)", e);
        }
    }

    /**
     * The name of the protocol's last outbound handler (toward the tail), or {@code lastStage} if it adds
     * none: a write from any handler behind it, or from the application, passes there before any encoder.
     */
    private static String lastEncoder(ChannelPipeline p, String lastStage) {
        String last = lastStage;
        boolean protocolPart = false;
        for (Map.Entry<String, ChannelHandler> e : p) {
            if (protocolPart && isEncoder(e.getValue())) {
                last = e.getKey();
            }
            protocolPart |= e.getKey().equals(lastStage);
        }
        return last;
    }

    /** An outbound handler that transforms writes: outbound only, or one of Netty's codecs. */
    private static boolean isEncoder(ChannelHandler h) {
        return (h instanceof ChannelOutboundHandler && !(h instanceof ChannelInboundHandler))
                || h instanceof ByteToMessageCodec || h instanceof MessageToMessageCodec
                || h instanceof CombinedChannelDuplexHandler;
    }

    /** The name of the protocol's last byte decoder, or {@code lastStage} (ours, before the protocol's) if none. */
    private static String framingDecoder(ChannelPipeline p, String lastStage) {
        String last = lastStage;
        boolean protocolPart = false;
        for (Map.Entry<String, ChannelHandler> e : p) {
            if (protocolPart && e.getValue() instanceof ByteToMessageDecoder) {
                last = e.getKey();
            }
            protocolPart |= e.getKey().equals(lastStage);
        }
        return last;
    }

    /**
     * The promise of {@code channel}'s ready moment: succeeds when the protocol sees the connection, fails
     * with the mapped failure (a {@code TlsException} for a failed handshake) or a
     * {@code ConnectionClosedException} when it closed before. Fails at once for a channel this assembler did
     * not install.
     */
    public static Future<Channel> ready(Channel channel) {
        Promise<Channel> ready = channel.attr(READY_PROMISE).get();
        if (ready == null) {
            return ImmediateEventExecutor.INSTANCE.newFailedFuture(new IllegalStateException(
                    "no toolkit connection pipeline on " + channel));
        }
        return ready;
    }

    /**
     * STARTTLS: adds {@code security} to a ready server connection at the security stage (before
     * {@link #READY}), so the next byte read goes through it. Call it on the connection's event loop, after
     * discarding the plaintext not yet consumed ({@code StartTlsHandler} does both).
     */
    public static void startSecurity(Channel channel, ServerSecurity security) {
        requireReady(channel);
        security.install(channel, READY);
    }

    /** STARTTLS on a client connection; see {@link #startSecurity(Channel, ServerSecurity)}. */
    public static void startSecurity(Channel channel, ClientSecurity security, String host, int port) {
        requireReady(channel);
        security.install(channel, READY, host, port);
    }

    private static void requireReady(Channel channel) {
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("start TLS on the connection's event loop");
        }
        if (channel.pipeline().get(READY) == null) {
            throw new IllegalStateException("no toolkit connection pipeline on " + channel);
        }
    }

    /**
     * Drains one server connection: lets an exchange in progress finish before the connection is closed. Its
     * methods are safe from any thread.
     */
    public static final class Drain {
        private final Channel channel;

        private Drain(Channel channel) {
            this.channel = channel;
        }

        /** The drain control of a connection installed by {@link #installServer}. */
        public static Drain of(Channel channel) {
            return new Drain(channel);
        }

        /**
         * Starts draining.
         *
         * @return {@code true} if the connection is between exchanges (or not yet ready, or not tracked) and
         *     the caller must close it now; {@code false} if it will close itself when its exchange ends
         */
        public boolean begin() {
            ExchangeTracker tracker = tracker();
            return tracker == null || tracker.beginDrain();
        }

        /**
         * Whether a drain has begun on this connection: a protocol that can warn its peer (HTTP's
         * {@code Connection: close} on the answer in progress) asks before answering.
         */
        public boolean isDraining() {
            ExchangeTracker tracker = tracker();
            return tracker != null && tracker.isDraining();
        }

        /** Records that the connection is closed whatever its state (end of the grace period). */
        public void forceClosing() {
            ExchangeTracker tracker = tracker();
            if (tracker != null) {
                tracker.forceClosing();
            }
        }

        private ExchangeTracker tracker() {
            return (ExchangeTracker) channel.pipeline().get(EXCHANGE);
        }
    }
}

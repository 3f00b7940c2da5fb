package dev.toolkit.core.client;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.inet.InetLiterals;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.pipeline.ClientSecurity;
import dev.toolkit.core.pipeline.ConnectionPipeline;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.transport.OwnedResolverGroup;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens stream connections with a {@link ProtocolDefinition} installed, a connect time-out, and failures
 * mapped to the toolkit's exceptions. One connector owns one event loop group shared by its connections;
 * close it when done.
 *
 * <p>Each connection's pipeline is assembled by {@link ConnectionPipeline} from
 * {@link ClientConfig#pipelineSettings()}: the TLS stage when {@link ClientConfig#security()} is set, counters
 * ({@link #metrics()}), the optional wire log, the bound on queued bytes, the time-outs, the protocol, and the
 * error handler that maps, counts and logs any failure, then closes the connection.
 *
 * <pre>{@code
 * try (Connector connector = Connector.create(ClientConfig.defaults())) {
 *     Channel channel = connector.connect("127.0.0.1", 1060, ch -> ch.pipeline().addLast(handler));
 *     ...
 * }
 * }</pre>
 */
public final class Connector implements AutoCloseable {

    private static final String LABEL = "toolkit-client";

    private final ClientConfig config;
    private final EventLoopGroup group;
    private final OwnedResolverGroup resolvers = new OwnedResolverGroup();
    private final MetricsRecorder recorder = new MetricsRecorder();
    private final ConnectionPipeline pipeline;
    private final ClientSecurity security;

    private Connector(ClientConfig config) {
        Logging.install();
        this.config = config;
        this.group = Transports.newGroup(config.transport(), 1, LABEL);
        this.pipeline = ConnectionPipeline.create(config.pipelineSettings(), recorder);
        this.security = config.security().orElse(null);
    }

    /** A connector with its own single-threaded event loop. */
    public static Connector create(ClientConfig config) {
        return new Connector(Objects.requireNonNull(config, "config"));
    }

    /** The settings of this connector. */
    public ClientConfig config() {
        return config;
    }

    /** The counters of every connection this connector opened (and of connect failures, by kind). */
    public ConnectionMetrics metrics() {
        return recorder.metrics();
    }

    /**
     * Connects to {@code host:port}. A literal address is connected to directly; a name is resolved with the
     * configured {@link ClientConfig#resolver()} and connected to with happy eyeballs (RFC 8305): IPv6 and
     * IPv4 attempts interleaved and staggered, the first to connect wins. With a
     * {@link ClientConfig#security()} stage, {@code host} is the name sent as SNI and verified against the
     * server's certificate, and the future completes only after the handshake.
     *
     * @return the connected channel, ready, with the protocol installed; fails with a
     *     {@link dev.toolkit.core.error.ToolkitException}: {@code NameResolutionException},
     *     {@code ConnectFailedException} (naming every address tried), {@code OperationTimeoutException},
     *     {@code TlsException} (the handshake failed)
     */
    public CompletableFuture<Channel> connectAsync(String host, int port, ProtocolDefinition protocol) {
        Objects.requireNonNull(host, "host");
        InetAddress literal = InetLiterals.parseWithScope(host);
        if (literal != null) {
            return connectAsync(new InetSocketAddress(literal, port), host, protocol);
        }
        CompletableFuture<Channel> result = new CompletableFuture<>();
        // Parsed once here: the name goes on as a name, checked once on its way to DNS.
        HappyEyeballs.create(config.resolver()).connectToNameAsync(bootstrap(protocol, host, port), host, port)
                .whenComplete((channel, error) -> {
                    if (error == null) {
                        awaitReady(channel, result);
                    } else {
                        connectFailed(failure(error, host + ":" + port, null), result);
                    }
                });
        return result;
    }

    /** Connects to {@code address}; see {@link #connectAsync(String, int, ProtocolDefinition)}. */
    public CompletableFuture<Channel> connectAsync(InetSocketAddress address, ProtocolDefinition protocol) {
        return connectAsync(address, address.getHostString(), protocol);
    }

    private CompletableFuture<Channel> connectAsync(InetSocketAddress address, String host,
                                                    ProtocolDefinition protocol) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        ChannelFuture connecting = bootstrap(protocol, host, address.getPort()).connect(address);
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                awaitReady(connecting.channel(), result);
            } else {
                connectFailed(failure(f.cause(), String.valueOf(address), address), result);
            }
        });
        return result;
    }

    private void connectFailed(ToolkitException failure, CompletableFuture<Channel> result) {
        recorder.error(failure.kind());
        result.completeExceptionally(failure);
    }

    /** Completes {@code result} at the connection's ready moment (after the TLS handshake, with TLS). */
    private static void awaitReady(Channel channel, CompletableFuture<Channel> result) {
        // A failure before that moment was counted and logged by the pipeline's error handler already.
        ConnectionPipeline.ready(channel).addListener(f -> {
            if (f.isSuccess()) {
                result.complete(channel);
            } else {
                channel.close();
                result.completeExceptionally(Exceptions.map(f.cause()));
            }
        });
    }

    private ToolkitException failure(Throwable cause, String target, InetSocketAddress address) {
        Throwable e = Exceptions.unwrap(cause);
        return e instanceof ConnectTimeoutException
                ? new OperationTimeoutException(OperationTimeoutException.Phase.CONNECT, config.connectTimeout(),
                        "connecting to " + target, e)
                : Exceptions.map(e, address);
    }

    /** A bootstrap that installs the client pipeline around {@code protocol} on each channel it opens. */
    private Bootstrap bootstrap(ProtocolDefinition protocol, String host, int port) {
        Objects.requireNonNull(protocol, "protocol");
        return new Bootstrap()
                .group(group)
                .resolver(resolvers)
                .channel(Transports.socketChannel(config.transport()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, config.tcpNoDelay())
                .option(ChannelOption.SO_KEEPALIVE, config.keepAlive())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, config.allowHalfClosure())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline.installClient(ch, protocol, security, host, port);
                    }
                });
    }

    /**
     * Connects as {@link #connectAsync(String, int, ProtocolDefinition)} does, and waits.
     *
     * @return the connected channel, ready, with the protocol installed
     * @throws dev.toolkit.core.error.ToolkitException the failure, as for the asynchronous form
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException on an event loop thread
     */
    public Channel connect(String host, int port, ProtocolDefinition protocol) {
        return Blocking.call("connect to " + host + ":" + port, null, () -> connectAsync(host, port, protocol));
    }

    /** Connects to {@code address} and waits; see {@link #connect(String, int, ProtocolDefinition)}. */
    public Channel connect(InetSocketAddress address, ProtocolDefinition protocol) {
        return Blocking.call("connect to " + address, address, () -> connectAsync(address, protocol));
    }

    /** Closes the connector's event loop (and so every connection it opened). */
    @Override
    public void close() {
        resolvers.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

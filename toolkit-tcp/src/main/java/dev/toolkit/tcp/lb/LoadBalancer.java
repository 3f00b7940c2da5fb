package dev.toolkit.tcp.lb;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.core.names.BindAddress;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.pipeline.ConnectionPipeline;
import dev.toolkit.core.pipeline.PipelineSettings;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.OwnedResolverGroup;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP load balancer: listens, hands each accepted connection to a backend chosen by the
 * {@link BalanceStrategy} among the healthy ones, and relays bytes both ways until either side closes.
 *
 * <ul>
 * <li>A backend that refuses a connection or does not accept it within the connect time-out is skipped and the
 * next one is tried, so an accepted client is not lost while a backend is down; such failures count toward
 * taking the backend out, like failed health checks.</li>
 * <li>Every backend is health-checked by a TCP connect at a fixed interval; after
 * {@link LoadBalancerConfig#unhealthyThreshold()} failures in a row it gets no new connections, after
 * {@link LoadBalancerConfig#healthyThreshold()} passed checks in a row it gets them again.</li>
 * <li>Back-pressure: one side is read only while the other can take more (write buffer water marks), so a slow
 * reader never makes the balancer buffer without bound. Half-close: the end of one side's input shuts down
 * the other side's output; the connection closes when both have ended.</li>
 * </ul>
 *
 * <pre>{@code
 * try (LoadBalancer lb = LoadBalancer.bind(config)) {
 *     System.out.println("Balancing at " + lb.localAddress());
 *     lb.awaitClosed();
 * }
 * }</pre>
 *
 * Counters ({@link #metrics()}) count client connections, bytes from and to clients, errors, and connections
 * refused because no backend accepted them ({@code connectionsRejected}).
 */
public final class LoadBalancer implements RunningServer<ConnectionMetrics> {

    private static final Logger LOG = Logging.logger(LoadBalancer.class);

    private final LoadBalancerConfig config;
    private final EventLoopGroup group;
    private final Channel listener;
    private final BackendPool pool;
    private final HealthChecker health;
    private final MetricsRecorder recorder;
    private final ChannelGroup clients;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LoadBalancer(LoadBalancerConfig config, EventLoopGroup group, Channel listener, BackendPool pool,
                         HealthChecker health, MetricsRecorder recorder, ChannelGroup clients) {
        this.config = config;
        this.group = group;
        this.listener = listener;
        this.pool = pool;
        this.health = health;
        this.recorder = recorder;
        this.clients = clients;
    }

    /**
     * Binds, starts the health checks, and returns once the balancer listens.
     *
     * @throws dev.toolkit.core.error.ToolkitException if the address cannot be bound
     */
    public static LoadBalancer bind(LoadBalancerConfig config) {
        Objects.requireNonNull(config, "config");
        Transport transport = Transports.resolve(config.transport());
        EventLoopGroup group = Transports.newGroup(transport, config.threads(), config.name());
        Class<? extends SocketChannel> socketClass = Transports.socketChannel(transport);
        List<Backend> backends = new ArrayList<>();
        for (InetSocketAddress address : config.backends()) {
            backends.add(new Backend(address, config.name(), config.unhealthyThreshold(),
                    config.healthyThreshold()));
        }
        BackendPool pool = new BackendPool(backends, config.strategy());
        MetricsRecorder metrics = new MetricsRecorder();
        // Not Netty's GlobalEventExecutor: its thread is no daemon and outlives close() by a second.
        ChannelGroup clients = new DefaultChannelGroup(config.name(), group.next());
        ConnectionPipeline frontends = ConnectionPipeline.create(PipelineSettings.builder().label(config.name())
                .limits(config.maxConnections(), 0).idleTimeout(config.idleTimeout()).wireLog(config.wireLog())
                .build(), metrics);
        // Backend connections: failures logged under the backend's name; their traffic is not the clients'.
        MetricsRecorder backendMetrics = new MetricsRecorder();
        Map<Backend, ConnectionPipeline> backendPipelines = new HashMap<>();
        for (Backend backend : backends) {
            backendPipelines.put(backend, ConnectionPipeline.create(PipelineSettings.builder()
                    .label(config.name() + " backend " + backend.address()).build(), backendMetrics));
        }
        WriteBufferWaterMark waterMark = new WriteBufferWaterMark(config.writeBufferLowWaterMark(),
                config.writeBufferHighWaterMark());
        OwnedResolverGroup resolvers = new OwnedResolverGroup();
        Bootstrap backendBootstrap = new Bootstrap().channel(socketClass).resolver(resolvers)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis(config.connectTimeout()))
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark);
        ServerBootstrap bootstrap = new ServerBootstrap().group(group)
                .channel(Transports.serverChannel(transport))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ProtocolDefinition relay = c -> c.pipeline().addLast(FrontendHandler.NAME,
                                new FrontendHandler(config, pool, backendBootstrap, metrics, backendPipelines));
                        frontends.installServer(ch, relay, null);
                    }
                });
        InetSocketAddress bindAddress;
        try {
            bindAddress = BindAddress.of(config.host(), config.port());
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        Channel listener;
        try {
            listener = bootstrap.bind(bindAddress).syncUninterruptibly().channel();
        } catch (Exception e) { // a bind failure is a checked exception thrown unchecked by Netty
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw Exceptions.map(e, bindAddress);
        }
        HealthChecker health = new HealthChecker(group, resolvers, socketClass, config.healthCheckInterval(),
                config.healthCheckTimeout());
        health.start(pool);
        LoadBalancer lb = new LoadBalancer(config, group, listener, pool, health, metrics, clients);
        LOG.info("{} listening at {} ({}, {} backend(s): {})", config.name(), lb.localAddress(),
                config.strategy(), config.backends().size(), config.backends());
        return lb;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** The address the balancer listens on (with the real port when port 0 was asked for). */
    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The configuration it runs with. */
    public LoadBalancerConfig config() {
        return config;
    }

    /** The counters of client connections. */
    @Override
    public ConnectionMetrics metrics() {
        return recorder.metrics();
    }

    /** Each backend's state now, in the configured order. */
    public List<BackendStatus> backends() {
        List<BackendStatus> list = new ArrayList<>();
        pool.all().forEach(b -> list.add(b.status()));
        return list;
    }

    /**
     * Stops accepting at once, lets open relayed connections finish for up to {@code grace}, then closes the
     * ones still open. Blocks until stopped (a second call waits for the first one's stop).
     *
     * @throws IllegalStateException if called on an event loop thread, where it would wait for itself
     */
    @Override
    public void closeGracefully(Duration grace) {
        Blocking.refuseOnEventLoop("closeGracefully of " + config.name());
        if (!closed.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        health.stop();
        listener.close().syncUninterruptibly();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clients.close().awaitUninterruptibly();
        health.resolvers().close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("{} stopped after {} connection(s)", config.name(), recorder.metrics().connectionsTotal());
    }

    /** Stops at once, closing every relayed connection. */
    @Override
    public void close() {
        closeGracefully(Duration.ZERO);
    }

    /**
     * Blocks until the balancer has stopped.
     *
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     */
    @Override
    public void awaitClosed() {
        String operation = "awaitClosed of " + config.name();
        Blocking.refuseOnEventLoop(operation);
        try {
            listener.closeFuture().await();
            group.terminationFuture().await();
        } catch (InterruptedException e) {
            throw new InterruptedOperationException(operation, e);
        }
    }
}

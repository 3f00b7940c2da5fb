package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ConnectionPipeline;
import dev.toolkit.core.pipeline.ServerSecurity;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link Architecture#EVENT_LOOP}: Netty's event loop on the configured transport (epoll or io_uring when
 * available, else NIO), one acceptor thread and {@link ServerConfig#threads()} I/O threads. With
 * {@link ServerConfig#reusePort()} (always under {@link Architecture#MULTI_PROCESS}) several such servers,
 * in one process or several, can listen on one port.
 */
final class EventLoopServer implements RunningServer<ConnectionMetrics> {

    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final ServerConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final MetricsRecorder recorder = new MetricsRecorder();
    private final ConnectionPipeline pipeline;
    private final ProtocolDefinition protocol;
    private final ServerSecurity security;
    private final ServerStop stopping;
    private volatile boolean draining;

    private EventLoopServer(ServerConfig config, ProtocolDefinition protocol) {
        this.config = config;
        this.pipeline = ConnectionPipeline.create(config.pipelineSettings(), recorder);
        this.protocol = protocol;
        this.security = config.security().orElse(null);
        this.bossGroup = Transports.newGroup(config.transport(), 1, config.name() + "-accept");
        this.workerGroup = Transports.newGroup(config.transport(), config.threads(), config.name() + "-io");
        // Not Netty's GlobalEventExecutor: its thread is no daemon and outlives close() by a second.
        this.connections = new DefaultChannelGroup(config.name(), bossGroup.next());
        this.stopping = new ServerStop(config.name(), this::stop, connections::close);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(Transports.serverChannel(config.transport()))
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, config.reuseAddress())
                .childOption(ChannelOption.TCP_NODELAY, config.tcpNoDelay())
                .childOption(ChannelOption.SO_KEEPALIVE, config.keepAlive())
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, config.allowHalfClosure())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (draining) {
                            // Accepted just as the server began to stop.
                            ch.close();
                            return;
                        }
                        connections.add(ch);
                        pipeline.installServer(ch, protocol, security);
                    }
                });
        if (config.reusePort() || config.architecture() == Architecture.MULTI_PROCESS) {
            Transports.reusePort(bootstrap, config.transport());
        }
        InetSocketAddress bindAddress = config.bindAddress();
        // Not syncUninterruptibly(): it rethrows the transport's checked exceptions undeclared.
        ChannelFuture bound = bootstrap.bind(bindAddress).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            bossGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workerGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw Exceptions.map(bound.cause(), bindAddress);
        }
        this.serverChannel = bound.channel();
        ServerLogs.started(config, Architecture.EVENT_LOOP, localAddress(),
                "Netty event loop, " + Transports.resolve(config.transport()) + " transport");
        stopping.watchSignals(this, config.shutdownGrace());
    }

    static RunningServer<ConnectionMetrics> start(ServerConfig config, ProtocolDefinition protocol) {
        return new EventLoopServer(config, protocol);
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public Architecture architecture() {
        return Architecture.EVENT_LOOP;
    }

    @Override
    public ConnectionMetrics metrics() {
        return recorder.metrics();
    }

    @Override
    public void closeGracefully(Duration grace) {
        // An event loop must never block.
        stopping.request(grace, onEventLoop());
    }

    @Override
    public void awaitClosed() {
        stopping.await();
    }

    private void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        draining = true;
        serverChannel.close().syncUninterruptibly();
        ServerLogs.draining(config, connections.size());
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> drain(ch));
            closing.add(ch.closeFuture());
        }
        for (ChannelFuture f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        if (!connections.isEmpty()) {
            ServerLogs.forcing(config, grace, connections.size());
            connections.close().awaitUninterruptibly(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        bossGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        workerGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        bossGroup.terminationFuture().awaitUninterruptibly(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        workerGroup.terminationFuture().awaitUninterruptibly(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        ServerLogs.stopped(config, recorder.metrics());
    }

    /** On the connection's event loop: closes it now if idle, else lets its exchange finish first. */
    private static void drain(Channel ch) {
        if (ConnectionPipeline.Drain.of(ch).begin()) {
            ch.close();
        }
    }

    private boolean onEventLoop() {
        for (EventExecutor e : workerGroup) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return bossGroup.next().inEventLoop();
    }
}

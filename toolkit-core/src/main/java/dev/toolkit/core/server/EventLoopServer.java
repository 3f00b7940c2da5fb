package dev.toolkit.core.server;

import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Serves connections on Netty's event loop. */
final class EventLoopServer implements RunningServer {

    private final ServerConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ConnectionMetrics metrics = new ConnectionMetrics();
    private final CountDownLatch closed = new CountDownLatch(1);

    private EventLoopServer(ServerConfig config, ProtocolDefinition protocol) {
        this.config = config;
        this.bossGroup = Transports.newGroup(config.transport(), 1, config.name() + "-accept");
        this.workerGroup = Transports.newGroup(config.transport(), config.threads(), config.name() + "-io");
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
                        connections.add(ch);
                        metrics.connectionOpened();
                        ch.closeFuture().addListener(f -> metrics.connectionClosed());
                        protocol.initialize(ch);
                    }
                });
        if (config.reusePort() || config.architecture() == Architecture.MULTI_PROCESS) {
            Transports.reusePort(bootstrap, config.transport());
        }
        InetSocketAddress bindAddress = config.host().isEmpty()
                ? new InetSocketAddress(config.port()) : new InetSocketAddress(config.host(), config.port());
        try {
            this.serverChannel = bootstrap.bind(bindAddress).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            bossGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workerGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw Exceptions.map(e, bindAddress);
        }
    }

    static RunningServer start(ServerConfig config, ProtocolDefinition protocol) {
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
        return metrics;
    }

    @Override
    public void closeGracefully(Duration grace) {
        close();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
        bossGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        closed.countDown();
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }
}

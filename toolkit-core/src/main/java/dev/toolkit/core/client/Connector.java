package dev.toolkit.core.client;

import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.server.ProtocolDefinition;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Opens stream connections with a {@link ProtocolDefinition} installed, a connect time-out, and failures
 * mapped to the toolkit's exceptions. One connector owns one event loop group shared by its connections;
 * close it when done.
 *
 * <pre>{@code
 * try (Connector connector = Connector.create(ClientConfig.defaults())) {
 *     Channel channel = connector.connectBlocking("127.0.0.1", 1060, ch -> ch.pipeline().addLast(handler));
 *     ...
 * }
 * }</pre>
 */
public final class Connector implements AutoCloseable {

    private final ClientConfig config;
    private final EventLoopGroup group;

    private Connector(ClientConfig config) {
        this.config = config;
        this.group = Transports.newGroup(config.transport(), 1, "toolkit-client");
    }

    /** A connector with its own single-threaded event loop. */
    public static Connector create(ClientConfig config) {
        return new Connector(Objects.requireNonNull(config, "config"));
    }

    /** The settings of this connector. */
    public ClientConfig config() {
        return config;
    }

    /**
     * Connects to {@code host:port}. The host must be an IP literal or a name the system resolves from
     * {@code /etc/hosts} (name resolution through DNS belongs to the resolver of toolkit-core).
     *
     * @return the connected channel with the protocol installed; fails with a
     *     {@link dev.toolkit.core.error.ToolkitException}
     */
    public CompletableFuture<Channel> connect(String host, int port, ProtocolDefinition protocol) {
        return connect(new InetSocketAddress(host, port), protocol);
    }

    /** Connects to {@code address}; see {@link #connect(String, int, ProtocolDefinition)}. */
    public CompletableFuture<Channel> connect(InetSocketAddress address, ProtocolDefinition protocol) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(Transports.socketChannel(config.transport()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, config.tcpNoDelay())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, config.allowHalfClosure())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (config.readTimeout() != null) {
                            ch.pipeline().addLast(new ReadTimeoutHandler(config.readTimeout().toNanos(),
                                    TimeUnit.NANOSECONDS));
                        }
                        protocol.initialize(ch);
                    }
                });
        CompletableFuture<Channel> result = new CompletableFuture<>();
        ChannelFuture connecting = bootstrap.connect(address);
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(connecting.channel());
            } else if (f.cause() instanceof ConnectTimeoutException) {
                result.completeExceptionally(new OperationTimeoutException(OperationTimeoutException.Phase.CONNECT,
                        config.connectTimeout(), "connecting to " + address, f.cause()));
            } else {
                result.completeExceptionally(Exceptions.map(f.cause(), address));
            }
        });
        return result;
    }

    /** Connects and waits; for examples and scripts, never on an event loop. */
    public Channel connectBlocking(String host, int port, ProtocolDefinition protocol) {
        try {
            return connect(host, port, protocol).join();
        } catch (CompletionException e) {
            throw Exceptions.map(e);
        }
    }

    /** Closes the connector's event loop (and so every connection it opened). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

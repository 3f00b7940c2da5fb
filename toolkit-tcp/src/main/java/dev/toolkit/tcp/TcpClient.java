package dev.toolkit.tcp;

import dev.toolkit.core.client.Connector;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A stream client: one object, shared by the application, owning one event loop (close it when done), that
 * opens {@link TcpConnection}s through toolkit-core's {@link Connector} with the settings of a
 * {@link TcpClientConfig}: a connect time-out, failures mapped to the toolkit's exceptions, and the limits of a
 * server connection; with TLS, the host of each connect call is the name verified and sent as SNI. Each
 * connection's pipeline is core's {@code ConnectionPipeline}.
 *
 * <pre>{@code
 * try (TcpClient client = TcpClient.create();
 *      TcpConnection c = client.connect("127.0.0.1", 1060, Framing.lines(1024))) {
 *     c.send("HELLO");
 *     String reply = c.receive(String.class);
 * }
 * }</pre>
 *
 * <p>The protocol of a connection is a {@link ProtocolDefinition}: a framer ({@code Framing.lines(1024)},
 * {@code Framing.lengthPrefix(4, max)}, {@code Framing.json(max)}...) is one, and then the connection sends and
 * receives its frames; with none, it carries bytes. {@code connect} blocks until the connection is ready
 * (after the TLS handshake, with TLS) and must not be called on an event loop; {@code connectAsync} returns the
 * future.
 */
public final class TcpClient implements AutoCloseable {

    /** No protocol handlers: the connection carries bytes. */
    private static final ProtocolDefinition RAW = channel -> { };

    private final TcpClientConfig config;
    private final Connector connector;

    private TcpClient(TcpClientConfig config) {
        this.config = config;
        this.connector = Connector.create(config.clientConfig());
    }

    /** A client with the defaults ({@link TcpClientConfig#defaults()}). */
    public static TcpClient create() {
        return open(TcpClientConfig.defaults());
    }

    /** A client with {@code config}'s settings and its own event loop. */
    public static TcpClient open(TcpClientConfig config) {
        return new TcpClient(Objects.requireNonNull(config, "config"));
    }

    /** This client's settings; {@code config().toBuilder()} derives a variant for another client. */
    public TcpClientConfig config() {
        return config;
    }

    /** The counters of every connection this client opened. */
    public ConnectionMetrics metrics() {
        return connector.metrics();
    }

    /** Connects for raw bytes and waits; see {@link #connect(String, int, ProtocolDefinition)}. */
    public TcpConnection connect(String host, int port) {
        return connect(host, port, RAW);
    }

    /**
     * Connects to {@code host:port} with {@code protocol}'s handlers installed and waits until the connection
     * is ready. What they pass on (or every byte, with no handlers) is what the connection's {@code receive}
     * calls return and its requests are answered with.
     *
     * @throws dev.toolkit.core.error.ToolkitException name resolution, refused, unreachable, connect time-out,
     *     TLS handshake
     * @throws InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException on an event loop thread
     */
    public TcpConnection connect(String host, int port, ProtocolDefinition protocol) {
        String target = host + ":" + port;
        refuseOnEventLoop(target);
        return await(connectAsync(host, port, protocol), target);
    }

    /** Connects to {@code address} and waits; see {@link #connect(String, int, ProtocolDefinition)}. */
    public TcpConnection connect(InetSocketAddress address, ProtocolDefinition protocol) {
        String target = String.valueOf(address);
        refuseOnEventLoop(target);
        return await(connectAsync(address, protocol), target);
    }

    /** Connects for raw bytes; see {@link #connectAsync(String, int, ProtocolDefinition)}. */
    public CompletableFuture<TcpConnection> connectAsync(String host, int port) {
        return connectAsync(host, port, RAW);
    }

    /**
     * Connects to {@code host:port} with {@code protocol}'s handlers installed.
     *
     * @return the ready connection; fails with a {@link dev.toolkit.core.error.ToolkitException}
     */
    public CompletableFuture<TcpConnection> connectAsync(String host, int port, ProtocolDefinition protocol) {
        Objects.requireNonNull(protocol, "protocol");
        return connector.connectAsync(host, port, connectionProtocol(protocol)).thenApply(this::connection);
    }

    /** Connects to {@code address}; see {@link #connectAsync(String, int, ProtocolDefinition)}. */
    public CompletableFuture<TcpConnection> connectAsync(InetSocketAddress address, ProtocolDefinition protocol) {
        Objects.requireNonNull(protocol, "protocol");
        return connector.connectAsync(address, connectionProtocol(protocol)).thenApply(this::connection);
    }

    /** {@code protocol}'s handlers, then the queue the connection's receive calls and requests read. */
    private static ProtocolDefinition connectionProtocol(ProtocolDefinition protocol) {
        return channel -> {
            protocol.initialize(channel);
            channel.pipeline().addLast(InboundQueue.NAME, new InboundQueue(MessageTypes.of(protocol)));
        };
    }

    private TcpConnection connection(Channel channel) {
        InboundQueue queue = (InboundQueue) channel.pipeline().get(InboundQueue.NAME);
        return new TcpConnection(channel, queue, config.readTimeout());
    }

    private static void refuseOnEventLoop(String target) {
        if (ThreadExecutorMap.currentExecutor() instanceof EventLoop) {
            throw new IllegalStateException("blocking connect to " + target + " on an event loop thread ("
                    + Thread.currentThread().getName() + "); use connectAsync");
        }
    }

    private static TcpConnection await(CompletableFuture<TcpConnection> connecting, String target) {
        try {
            return connecting.get();
        } catch (InterruptedException e) {
            // Nobody will have the connection if it opens after all.
            connecting.thenAccept(c -> c.channel().close());
            throw new InterruptedOperationException("connecting to " + target, e);
        } catch (ExecutionException e) {
            throw Exceptions.map(e.getCause());
        }
    }

    /** Closes the client's event loop, and with it every connection it opened. */
    @Override
    public void close() {
        connector.close();
    }
}

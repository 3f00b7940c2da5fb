package dev.toolkit.examples.support;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server for one conversation, like the book's scripts that {@code accept()} once, talk, and exit: it
 * listens with SO_REUSEADDR and a backlog of 1, serves the first connection only (later ones are closed at
 * once, where Python would leave them waiting in the backlog), and {@link #awaitEnd()} returns when that
 * connection has closed. End of input only half-closes the connection, so end-of-file framing works.
 *
 * <p>The conversation's handlers let failures travel down the pipeline: the last handler, added here, records
 * the first one, closes the connection, and {@link #awaitEnd()} rethrows it.
 */
public final class OneShotServer implements AutoCloseable {

    private final RunningServer<ConnectionMetrics> server;
    private final AtomicBoolean accepted = new AtomicBoolean();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private OneShotServer(String host, int port, String name, ProtocolDefinition conversation) {
        ServerConfig config = ServerConfig.builder()
                .host(host).port(port)
                .backlog(1)
                .reuseAddress(true)
                .allowHalfClosure(true)
                .name(name)
                .build();
        this.server = Servers.start(config, channel -> {
            if (!accepted.compareAndSet(false, true)) {
                channel.close();
                return;
            }
            channel.closeFuture().addListener(f -> ended.complete(null));
            conversation.initialize(channel);
            channel.pipeline().addLast(new FailureRecorder());
        });
    }

    /**
     * Binds and listens; returns once listening.
     *
     * @param host the interface to bind ({@code ""} for every interface)
     * @param port the port, 0 for an ephemeral one
     * @param name the server's name, for its threads
     * @param conversation installs the conversation's handlers on the one accepted connection; it runs on the
     *     connection's event loop when the connection is accepted
     */
    public static OneShotServer start(String host, int port, String name, ProtocolDefinition conversation) {
        return new OneShotServer(host, port, name, conversation);
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /**
     * Waits until the one conversation has ended.
     *
     * @throws IOException the I/O failure that ended it (an {@link java.io.EOFException} for a stream that
     *     stopped short), as Python raises it
     * @throws dev.toolkit.core.error.ToolkitException any other failure, mapped
     * @throws InterruptedException if interrupted while waiting (the caller then closes the server)
     */
    public void awaitEnd() throws IOException, InterruptedException {
        try {
            ended.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw Exceptions.map(e.getCause());
        }
    }

    /** Closes the listener and the connection, if still open. */
    @Override
    public void close() {
        server.close();
    }

    /** Records the first failure that reached the end of the pipeline and closes the connection. */
    private final class FailureRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ended.completeExceptionally(Exceptions.unwrap(cause));
            ctx.close();
        }
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.ToolkitException;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * Starts servers: the one entry point for every architecture.
 *
 * <pre>{@code
 * try (RunningServer server = Servers.start(config, channel -> channel.pipeline()
 *         .addLast(Framing.lines(1024).newDecoder(), new MyHandler()))) {   // MyHandler: the protocol's
 *     System.out.println("Listening at " + server.localAddress());
 *     server.awaitClosed();
 * }
 * }</pre>
 *
 * <p>Whatever the architecture, each connection gets the same pipeline: connection limits, counters, the
 * optional wire log, the bound on queued bytes and back-pressure, idle and read time-outs, then the protocol's
 * handlers, then an error handler that logs and closes. The blocking and selector architectures drive that
 * pipeline over their own sockets, so a protocol written for Netty runs unchanged under all of them (the
 * channel implements {@link io.netty.channel.socket.DuplexChannel} for half-close, and reports the real
 * addresses).
 */
public final class Servers {

    static {
        // Before any server's Netty classes bind their loggers (the blocking architectures make no event loop).
        Logging.install();
    }

    private Servers() {
    }

    /**
     * Binds and starts a server; returns once it listens.
     *
     * @param config where and how to serve
     * @param protocol the protocol installed on every connection
     * @return the running server, with its bound address
     * @throws dev.toolkit.core.error.ToolkitException if the address cannot be bound (in use, not local)
     */
    public static RunningServer<ConnectionMetrics> start(ServerConfig config, ProtocolDefinition protocol) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(protocol, "protocol");
        switch (config.architecture()) {
            case SINGLE_CLIENT:
            case THREAD_POOL:
                return BlockingServer.start(config, protocol);
            case SELECTOR:
                return SelectorServer.start(config, protocol);
            case EVENT_LOOP:
                return EventLoopServer.start(config, protocol);
            case MULTI_PROCESS:
                return ProcessGroupServer.start(config, protocol);
            default:
                throw new IllegalArgumentException("architecture " + config.architecture()
                        + " is not available in this build");
        }
    }

    /**
     * Serves the socket this process inherited as its standard input ({@link System#inheritedChannel()}), as a
     * program started by inetd or {@code systemd-socket-activate --inetd}: blocking, one client at a time,
     * through the same pipeline as every other server (limits, time-outs, error handling). Returns at once;
     * the server stops by itself:
     * <ul>
     * <li>a connected socket (inetd's {@code nowait}): serves that one connection, and stops when it closes;</li>
     * <li>a listening socket (inetd's {@code wait}): accepts clients one after the other, and stops once no
     *     client arrived for {@code acceptTimeout} (so that inetd takes the socket back and restarts the
     *     program on the next connection).</li>
     * </ul>
     * Of {@code config}, the listening settings (host, port, backlog, architecture, reuse options) do not
     * apply: the socket is already bound.
     *
     * @param acceptTimeout how long a listening socket may see no new client; {@code null} for ever
     * @throws ToolkitException if standard input is not a TCP socket
     */
    public static RunningServer<ConnectionMetrics> startInherited(ServerConfig config, ProtocolDefinition protocol,
                                               Duration acceptTimeout) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(protocol, "protocol");
        Channel inherited;
        try {
            inherited = System.inheritedChannel();
        } catch (IOException | SecurityException e) {
            throw new ToolkitException(ErrorKind.IO, "cannot read the inherited channel: " + e, e);
        }
        try {
            if (inherited instanceof SocketChannel) {
                SocketChannel connection = (SocketChannel) inherited;
                connection.configureBlocking(true);
                return BlockingServer.adopt(config, protocol, null, connection.socket(), null);
            }
            if (inherited instanceof ServerSocketChannel) {
                ServerSocketChannel listener = (ServerSocketChannel) inherited;
                listener.configureBlocking(true);
                return BlockingServer.adopt(config, protocol, listener.socket(), null, acceptTimeout);
            }
        } catch (IOException e) {
            throw new ToolkitException(ErrorKind.IO, "cannot use the inherited socket: " + e, e);
        }
        throw new ToolkitException(ErrorKind.IO, "standard input is not a TCP socket ("
                + (inherited == null ? "no socket" : inherited.getClass().getSimpleName())
                + "): run this program under inetd or systemd-socket-activate --inetd", null);
    }
}

package dev.toolkit.core.server;

import java.util.Objects;

/**
 * Starts servers: the one entry point for every architecture.
 *
 * <pre>{@code
 * try (RunningServer server = Servers.start(config, channel -> channel.pipeline()
 *         .addLast(Framing.lines(1024).decoder(), new MyHandler()))) {
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
    public static RunningServer start(ServerConfig config, ProtocolDefinition protocol) {
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
}

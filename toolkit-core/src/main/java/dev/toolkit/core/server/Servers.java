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

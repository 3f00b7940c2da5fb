package dev.toolkit.examples.ch07;

import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.TcpServer;
import dev.toolkit.tcp.zen.ZenProtocol;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What chapter 7's Zen servers share ({@code zen_utils.parse_command_line} and {@code create_srv_socket}): the
 * command line {@code host [-p PORT]}, a listener with SO_REUSEADDR and a backlog of 64, the line
 * {@code Listening at ADDR}, and serving until interrupted (Ctrl-C).
 */
abstract class ZenServerCommand extends ListingCommand {

    /** The book's listen backlog. */
    static final int BACKLOG = 64;

    @Parameters(paramLabel = "host", description = "IP or hostname")
    private String host;

    @Option(names = "-p", paramLabel = "port", converter = ArgumentTypes.Port.class,
            defaultValue = "1060", description = "TCP port (default 1060)")
    private int port;

    @Override
    public final Integer call() throws InterruptedException {
        ServerConfig.Builder config = ServerConfig.builder()
                .host(host).port(port).backlog(BACKLOG).reuseAddress(true)
                .name(getClass().getSimpleName());
        ProtocolDefinition protocol = configure(config);
        try (RunningServer running = TcpServer.bind(config.build(), protocol)) {
            out().println("Listening at " + PythonFormat.sockname(running.localAddress()));
            running.awaitClosed();
        }
        return 0;
    }

    /** The Zen protocol, printing this listing's lines. */
    final ZenProtocol zen() {
        return new ZenProtocol(lines().printer(out()));
    }

    /** The lines this listing's original prints per connection: {@code zen_utils}' unless it has its own. */
    ZenLines lines() {
        return ZenLines.ZEN_UTILS;
    }

    /** Chooses the architecture (on {@code server}) and returns the protocol. */
    abstract ProtocolDefinition configure(ServerConfig.Builder server);
}

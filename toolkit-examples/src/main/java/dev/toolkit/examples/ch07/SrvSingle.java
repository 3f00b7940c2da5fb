package dev.toolkit.examples.ch07;

import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.ServerConfig;
import picocli.CommandLine.Command;

/**
 * Chapter 7's {@code srv_single.py}: one client at a time on a blocking socket. While one client holds its
 * connection open, every other client waits in the listen backlog: the denial-of-service weakness the book
 * shows (open a second {@code client} while a first one, or a {@code telnet}, stays connected).
 */
@Command(name = "srv_single", description = "Single-threaded server that serves one client at a time")
public final class SrvSingle extends ZenServerCommand {

    @Override
    ProtocolDefinition configure(ServerConfig.Builder server) {
        server.architecture(Architecture.SINGLE_CLIENT);
        return zen();
    }
}

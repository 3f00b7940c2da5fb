package dev.toolkit.examples.ch07;

import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.ServerConfig;
import picocli.CommandLine.Command;

/**
 * Chapter 7's {@code srv_threaded.py}: four threads, each blocking in {@code accept()} on the one listening
 * socket and serving the client it gets to the end; a fifth client waits until a thread is free.
 */
@Command(name = "srv_threaded", description = "Using multiple threads to serve several clients in parallel")
public final class SrvThreaded extends ZenServerCommand {

    /** The book's worker count. */
    static final int WORKERS = 4;

    @Override
    ProtocolDefinition configure(ServerConfig.Builder server) {
        server.architecture(Architecture.THREAD_POOL).threads(WORKERS);
        return zen();
    }
}

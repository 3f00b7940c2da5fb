package dev.toolkit.examples.ch07;

import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.ServerConfig;
import picocli.CommandLine.Command;

/**
 * Chapter 7's {@code srv_asyncio1.py}: an event loop calling back a protocol object. In Java that is Netty's
 * event loop calling the Zen handlers: {@code connection_made} is {@code channelActive},
 * {@code data_received} is {@code channelRead} (after the {@code ?} framing has split the bytes into
 * questions), {@code connection_lost} is {@code channelInactive}.
 */
@Command(name = "srv_asyncio1", description = "Asynchronous I/O inside \"asyncio\" callback methods")
public final class SrvAsyncio1 extends ZenServerCommand {

    @Override
    ZenLines lines() {
        return ZenLines.ASYNCIO_CALLBACKS;
    }

    @Override
    ProtocolDefinition configure(ServerConfig.Builder server) {
        server.architecture(Architecture.EVENT_LOOP);
        return zen();
    }
}

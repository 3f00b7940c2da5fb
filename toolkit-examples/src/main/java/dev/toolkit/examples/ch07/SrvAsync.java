package dev.toolkit.examples.ch07;

import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.ServerConfig;
import picocli.CommandLine.Command;

/**
 * Chapter 7's {@code srv_async.py}: one thread, non-blocking sockets and a hand-written event loop. The book's
 * loop over {@code poll()} is toolkit-core's {@link Architecture#SELECTOR} server, line for line in
 * {@code java.nio} terms:
 * <ul>
 * <li>{@code poll_object.poll()} is {@code Selector.select()}, with the time-out of the nearest idle
 *     time-out;</li>
 * <li>a {@code POLLIN} on the listener accepts, registers the new socket and prints
 *     {@code Accepted connection from};</li>
 * <li>{@code bytes_received[sock]} is the per-socket buffer of the {@code ?} framing, and each complete
 *     question is answered at once (so pipelined questions get one answer each);</li>
 * <li>{@code bytes_to_send[sock]} is the socket's outbound queue: the loop asks for {@code POLLOUT}
 *     ({@code OP_WRITE}) only while bytes wait there, and stops reading a socket while too many do;</li>
 * <li>{@code POLLHUP}/an empty read closes the socket, printing whether the client left in the middle of a
 *     question ({@code sent b'...' but then closed}), before its answers were all sent ({@code closed before
 *     we sent b'...'}, at most the first 100 bytes shown, since pipelined questions may leave many answers
 *     unsent), or normally.</li>
 * </ul>
 */
@Command(name = "srv_async", description = "Asynchronous I/O driven directly by the poll() system call")
public final class SrvAsync extends ZenServerCommand {

    @Override
    ZenLines lines() {
        return ZenLines.POLL_LOOP;
    }

    @Override
    ProtocolDefinition configure(ServerConfig.Builder server) {
        server.architecture(Architecture.SELECTOR);
        return zen();
    }
}

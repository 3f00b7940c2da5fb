package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProtocolDefinition;
/**
 * How a server runs connections. The same {@link ProtocolDefinition} runs under every architecture; only the
 * runner changes (chapter 7 of the book).
 *
 * <p>{@link #SINGLE_CLIENT}, {@link #THREAD_POOL} and {@link #SELECTOR} really are blocking and selector
 * servers on {@code java.net}/{@code java.nio} sockets; they run the protocol's Netty pipeline through a
 * channel that the serving thread drives. Two things differ from Netty's own transports: a connection's
 * channel may be used only from the thread serving it (its handlers), never written to from another thread;
 * and {@code shutdownOutput()} first sends the bytes still queued, where Netty's transports fail them (shut
 * down from the listener of the last write to behave the same everywhere).
 */
public enum Architecture {
    /** One client at a time on a blocking socket: a second client waits until the first leaves. */
    SINGLE_CLIENT,
    /** A fixed pool of threads, each accepting on the one listening socket and serving a client to the end. */
    THREAD_POOL,
    /** One thread and a {@code java.nio} Selector over non-blocking sockets (the book's poll() loop). */
    SELECTOR,
    /** Netty's event loop (epoll or io_uring on Linux when available, else NIO). */
    EVENT_LOOP,
    /** Several worker processes binding the same port with SO_REUSEPORT, kept alive by a supervisor. */
    MULTI_PROCESS
}

package dev.toolkit.core.server;

/**
 * How a server runs connections. The same {@link ProtocolDefinition} runs under every architecture; only the
 * runner changes (chapter 7 of the book).
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

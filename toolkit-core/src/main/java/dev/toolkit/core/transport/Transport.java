package dev.toolkit.core.transport;

/** Which Netty transport carries sockets. */
public enum Transport {
    /** The best available: epoll, then io_uring, then NIO; the system property {@code toolkit.transport} overrides. */
    AUTO,
    /** Java NIO, available everywhere. */
    NIO,
    /** Linux epoll (native). */
    EPOLL,
    /** Linux io_uring (native, kernel 5.14 or later). */
    IO_URING
}

package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A started server: its bound address, its counters, and how to stop it. */
public interface RunningServer extends AutoCloseable {

    /** The address the server listens on (with the real port when port 0 was asked for). */
    InetSocketAddress localAddress();

    /** The architecture serving connections. */
    Architecture architecture();

    /** The server's counters. */
    ConnectionMetrics metrics();

    /**
     * Stops accepting, lets exchanges in progress finish for up to {@code grace}, then closes every
     * connection that is still open. Blocks until the server has stopped.
     */
    void closeGracefully(Duration grace);

    /** Stops at once: closes the listener and every connection. Blocks until the server has stopped. */
    @Override
    void close();

    /** Blocks until the server has stopped (for servers that run until killed, like the book's examples). */
    void awaitClosed() throws InterruptedException;
}

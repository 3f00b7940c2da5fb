package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ExchangeEvent;
import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.ServerMetrics;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A started server, of any module: its bound address, its counters, and how to stop it. Every server entry
 * point returns one ({@link Servers#start}, {@code TcpServer.bind}, {@code UdpServer.bind},
 * {@code LoadBalancer.bind}).
 *
 * @param <M> the server's counters: {@link ConnectionMetrics} for connection servers, the datagram counters
 *     for a datagram server; every kind is a {@link ServerMetrics}
 */
public interface RunningServer<M extends ServerMetrics> extends AutoCloseable {

    /** The address the server listens on (with the real port when port 0 was asked for). */
    InetSocketAddress localAddress();

    /**
     * The architecture serving connections; {@link Architecture#EVENT_LOOP} for the servers that always run on
     * one (datagram servers, the load balancer).
     */
    default Architecture architecture() {
        return Architecture.EVENT_LOOP;
    }

    /** The server's counters. */
    M metrics();

    /**
     * Stops accepting at once, closes the connections that are between exchanges at once, lets the exchanges
     * in progress finish (each connection is closed as soon as its exchange ends) for up to {@code grace},
     * then closes every connection still open. Blocks until the server has stopped, except when called from
     * one of the server's own threads (a handler), which must not block: the stop then proceeds on its own.
     *
     * <p>A connection is in the middle of an exchange when bytes were read that no completed write has
     * answered yet, or a write has not completed; a protocol for which that rule does not fit marks its
     * exchanges with {@link ExchangeEvent}. Bytes that arrive on a connection after it was found idle are not
     * read.
     */
    void closeGracefully(Duration grace);

    /**
     * Stops at once: closes the listener and every connection ({@code closeGracefully(Duration.ZERO)}). Blocks
     * until the server has stopped.
     */
    @Override
    default void close() {
        closeGracefully(Duration.ZERO);
    }

    /**
     * Blocks until the server has stopped (for servers that run until killed, like the book's examples).
     *
     * @throws InterruptedOperationException if the waiting thread is interrupted (its interrupt flag is set
     *     again; the server goes on running)
     * @throws IllegalStateException if called on one of the server's own threads, which would wait for ever
     */
    void awaitClosed();
}

package dev.toolkit.udp;

import dev.toolkit.core.error.Blocking;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Sends datagrams from a server's or client's socket. The {@code Async} forms never block and may be called
 * from any thread, a handler's included; the plain forms wait until the system accepted the datagram and are
 * refused on an event loop thread (a handler's).
 */
public interface DatagramSender {

    /**
     * Sends {@code data} as one datagram to {@code recipient}.
     *
     * @return completes when the system accepted the datagram (which says nothing of its arrival); fails
     *     with {@link DatagramTooLargeException} when it is larger than the path allows, or another
     *     {@link dev.toolkit.core.error.ToolkitException}
     */
    CompletableFuture<Void> sendAsync(byte[] data, InetSocketAddress recipient);

    /** Sends {@code data} back to whoever sent {@code datagram}; see {@link #sendAsync}. */
    default CompletableFuture<Void> replyAsync(Datagram datagram, byte[] data) {
        return sendAsync(data, datagram.sender());
    }

    /**
     * Sends {@code data} as one datagram to {@code recipient} and waits until the system accepted it.
     *
     * @throws DatagramTooLargeException when it is larger than the path allows
     * @throws dev.toolkit.core.error.ToolkitException another failure to send
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException on an event loop thread
     */
    default void send(byte[] data, InetSocketAddress recipient) {
        Blocking.call("send to " + recipient, recipient, () -> sendAsync(data, recipient));
    }

    /** Sends {@code data} back to whoever sent {@code datagram} and waits; see {@link #send}. */
    default void reply(Datagram datagram, byte[] data) {
        send(data, datagram.sender());
    }
}

package dev.toolkit.udp;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** Sends datagrams from a server's or client's socket. Safe to call from any thread, never blocks. */
public interface DatagramSender {

    /**
     * Sends {@code data} as one datagram to {@code recipient}.
     *
     * @return completes when the system accepted the datagram (which says nothing of its arrival); fails
     *     with {@link DatagramTooLargeException} when it is larger than the path allows, or another
     *     {@link dev.toolkit.core.error.ToolkitException}
     */
    CompletableFuture<Void> send(byte[] data, InetSocketAddress recipient);

    /** Sends {@code data} back to whoever sent {@code datagram}. */
    default CompletableFuture<Void> reply(Datagram datagram, byte[] data) {
        return send(data, datagram.sender());
    }
}

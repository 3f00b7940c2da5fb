package dev.toolkit.udp;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Watches a {@link RequestClient}'s attempts and what it drops, for progress messages (the book's
 * "Waiting up to 0.1 seconds for a reply") and diagnostics. Called on the client's event loop: must not
 * block. Every method does nothing by default.
 */
public interface RequestListener {

    /**
     * A request was sent ({@code attempt} 1) or sent again, and the client now waits up to {@code wait}.
     *
     * @param requestId the request's ID as the unsigned number it is on the wire and in every message (0 to
     *     4294967295; 0 when the client uses no IDs)
     * @param attempt the attempt number, from 1
     * @param wait how long this attempt waits for the reply
     */
    default void sent(long requestId, int attempt, Duration wait) {
    }

    /** The wait of {@code attempt} ran out with no reply; {@code requestId} as in {@link #sent}. */
    default void timedOut(long requestId, int attempt, Duration wait) {
    }

    /**
     * A datagram was dropped instead of answering a request.
     *
     * @param from who sent it
     * @param why {@code "stray"} (no such request), {@code "duplicate"} (already answered) or
     *     {@code "foreign"} (not from the address asked); malformed datagrams are reported as errors instead
     */
    default void dropped(InetSocketAddress from, String why) {
    }
}

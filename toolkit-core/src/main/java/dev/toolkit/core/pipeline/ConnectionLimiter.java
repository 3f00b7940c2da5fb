package dev.toolkit.core.pipeline;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Counts a server's open connections, in total and per peer address, against its limits. Thread-safe. */
final class ConnectionLimiter {

    private final int maxConnections;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int open;

    /**
     * @param maxConnections most connections open at once
     * @param maxPerAddress most connections open at once from one address; 0 for no such limit
     */
    ConnectionLimiter(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Takes a place for a connection from {@code address}.
     *
     * @param address the peer's address, or {@code null} when it has none (only the total limit applies)
     * @return {@code null} if admitted, else why the connection is refused
     */
    synchronized String tryAcquire(InetAddress address) {
        if (open >= maxConnections) {
            return open + " connections are open and the limit is " + maxConnections;
        }
        if (maxPerAddress > 0 && address != null) {
            int n = perAddress.getOrDefault(address, 0);
            if (n >= maxPerAddress) {
                return n + " connections from " + address.getHostAddress()
                        + " are open and the per-address limit is " + maxPerAddress;
            }
            perAddress.put(address, n + 1);
        }
        open++;
        return null;
    }

    /** Gives back the place taken by an admitted connection from {@code address}. */
    synchronized void release(InetAddress address) {
        open--;
        if (maxPerAddress > 0 && address != null) {
            perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Admitted connections open now. */
    synchronized int open() {
        return open;
    }
}

package dev.toolkit.tcp.lb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chooses backends for a new connection: the healthy ones in the order the strategy prefers, then the
 * unhealthy ones as a last resort (a backend that recovered since its last check should not cost a client its
 * connection when every healthy one fails). Thread-safe.
 */
final class BackendPool {

    private final List<Backend> backends;
    private final BalanceStrategy strategy;
    private final AtomicLong turn = new AtomicLong();

    BackendPool(List<Backend> backends, BalanceStrategy strategy) {
        this.backends = List.copyOf(backends);
        this.strategy = strategy;
    }

    List<Backend> all() {
        return backends;
    }

    /** The backends to try for one new connection, in order. */
    List<Backend> candidates() {
        int n = backends.size();
        int start = (int) Math.floorMod(turn.getAndIncrement(), (long) n);
        List<Backend> rotated = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rotated.add(backends.get((start + i) % n));
        }
        List<Backend> healthy = new ArrayList<>(n);
        List<Backend> unhealthy = new ArrayList<>();
        for (Backend b : rotated) {
            (b.healthy() ? healthy : unhealthy).add(b);
        }
        if (strategy == BalanceStrategy.LEAST_CONNECTIONS) {
            // A stable sort keeps the rotation among backends with as many connections.
            healthy.sort(Comparator.comparingInt(Backend::open));
        }
        healthy.addAll(unhealthy);
        return healthy;
    }
}

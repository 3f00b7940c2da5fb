package dev.toolkit.tcp.lb;

import dev.toolkit.core.observe.Logging;
import org.slf4j.Logger;

import java.net.InetSocketAddress;

/**
 * One backend's state: healthy or not (with the consecutive results that move it), and its connection
 * counts. Thread-safe: the health checker and every event loop update it.
 */
final class Backend {

    private static final Logger LOG = Logging.logger(LoadBalancer.class);

    private final InetSocketAddress address;
    private final String balancer;
    private final int unhealthyThreshold;
    private final int healthyThreshold;

    // Guarded by this.
    private boolean healthy = true;
    private int failuresInARow;
    private int successesInARow;
    private int open;
    private long total;
    private long failedConnects;

    Backend(InetSocketAddress address, String balancer, int unhealthyThreshold, int healthyThreshold) {
        this.address = address;
        this.balancer = balancer;
        this.unhealthyThreshold = unhealthyThreshold;
        this.healthyThreshold = healthyThreshold;
    }

    InetSocketAddress address() {
        return address;
    }

    synchronized boolean healthy() {
        return healthy;
    }

    synchronized int open() {
        return open;
    }

    /** A health check or a client's connect reached the backend. */
    void succeeded() {
        boolean cameBack;
        synchronized (this) {
            failuresInARow = 0;
            successesInARow++;
            cameBack = !healthy && successesInARow >= healthyThreshold;
            if (cameBack) {
                healthy = true;
            }
        }
        if (cameBack) {
            LOG.info("{}: backend {} is back after {} passed check(s)", balancer, address, healthyThreshold);
        }
    }

    /** A health check or a client's connect failed. */
    void failed(String why) {
        boolean wentDown;
        synchronized (this) {
            successesInARow = 0;
            failuresInARow++;
            wentDown = healthy && failuresInARow >= unhealthyThreshold;
            if (wentDown) {
                healthy = false;
            }
        }
        if (wentDown) {
            LOG.warn("{}: backend {} is out after {} failure(s) in a row: {}", balancer, address,
                    unhealthyThreshold, why);
        }
    }

    /** A client's connect to this backend failed (the client goes to the next backend). */
    void connectFailed(String why) {
        synchronized (this) {
            failedConnects++;
        }
        failed(why);
    }

    synchronized void connectionOpened() {
        open++;
        total++;
    }

    synchronized void connectionClosed() {
        open--;
    }

    synchronized BackendStatus status() {
        return new BackendStatus(address, healthy, open, total, failedConnects);
    }
}

package dev.toolkit.core.observe;

import dev.toolkit.core.error.ErrorKind;

/**
 * The writing side of a {@link ConnectionMetrics}: what a server, a client or the connection pipeline holds to
 * count events, while its users get only the read-only {@link #metrics()}. One recorder per set of counters;
 * thread-safe.
 */
public final class MetricsRecorder {

    private final ConnectionMetrics metrics = new ConnectionMetrics();

    /** Creates a recorder whose counters start at zero. */
    public MetricsRecorder() {
    }

    /** The counters this recorder writes, as users read them. */
    public ConnectionMetrics metrics() {
        return metrics;
    }

    /** Counts a connection that was accepted (or established). */
    public void connectionOpened() {
        metrics.connectionOpened();
    }

    /** Counts a connection that closed. */
    public void connectionClosed() {
        metrics.connectionClosed();
    }

    /** Counts a connection refused by a limit (max connections, per-IP limit). */
    public void connectionRejected() {
        metrics.connectionRejected();
    }

    /** Adds {@code n} received bytes. */
    public void bytesIn(long n) {
        metrics.bytesIn(n);
    }

    /** Adds {@code n} sent bytes. */
    public void bytesOut(long n) {
        metrics.bytesOut(n);
    }

    /** Counts an error of {@code kind}. */
    public void error(ErrorKind kind) {
        metrics.error(kind);
    }

    /**
     * Counts an exchange that was completed: the request's bytes were read and the answer was written.
     *
     * @param latencyNanos time from the first byte of the request read to the answer written
     */
    public void exchangeCompleted(long latencyNanos) {
        metrics.exchangeCompleted(latencyNanos);
    }

    @Override
    public String toString() {
        return metrics.toString();
    }
}

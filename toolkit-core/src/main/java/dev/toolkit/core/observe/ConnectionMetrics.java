package dev.toolkit.core.observe;

import dev.toolkit.core.error.ErrorKind;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a server or client: connections open and total, connections rejected by limits, bytes in and
 * out, errors by {@link ErrorKind}, and exchanges completed with their mean latency (servers only: an exchange
 * is a request read and fully answered). Thread-safe; read them at any time through the getters or
 * {@link #snapshot()}. Users only read them: the toolkit counts through the {@link MetricsRecorder} that made
 * this view.
 */
public final class ConnectionMetrics implements ServerMetrics {

    private final LongAdder open = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);
    private final LongAdder exchanges = new LongAdder();
    private final LongAdder exchangeNanos = new LongAdder();

    /** Counters at zero; only {@link MetricsRecorder} makes them. */
    ConnectionMetrics() {
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, new LongAdder());
        }
    }

    /** Counts a connection that was accepted (or established). */
    void connectionOpened() {
        open.increment();
        total.increment();
    }

    /** Counts a connection that closed. */
    void connectionClosed() {
        open.decrement();
    }

    /** Counts a connection refused by a limit (max connections, per-IP limit). */
    void connectionRejected() {
        rejected.increment();
    }

    /** Adds {@code n} received bytes. */
    void bytesIn(long n) {
        bytesIn.add(n);
    }

    /** Adds {@code n} sent bytes. */
    void bytesOut(long n) {
        bytesOut.add(n);
    }

    /** Counts an error of {@code kind}. */
    void error(ErrorKind kind) {
        errors.get(kind).increment();
    }

    /**
     * Counts an exchange that was completed: the request's bytes were read and the answer was written.
     *
     * @param latencyNanos time from the first byte of the request read to the answer written
     */
    void exchangeCompleted(long latencyNanos) {
        exchanges.increment();
        exchangeNanos.add(Math.max(0, latencyNanos));
    }

    /** Connections open now. */
    public long connectionsOpen() {
        return open.sum();
    }

    /** Connections accepted since start. */
    public long connectionsTotal() {
        return total.sum();
    }

    /** Connections refused by a limit since start. */
    public long connectionsRejected() {
        return rejected.sum();
    }

    /** Bytes received since start. */
    @Override
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Bytes sent since start. */
    @Override
    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Errors of {@code kind} since start. */
    @Override
    public long errors(ErrorKind kind) {
        return errors.get(kind).sum();
    }

    /** Exchanges completed since start. */
    public long exchangesCompleted() {
        return exchanges.sum();
    }

    /** Mean time from reading a request to having written its answer; zero before the first exchange. */
    public Duration meanExchangeLatency() {
        long n = exchanges.sum();
        return n == 0 ? Duration.ZERO : Duration.ofNanos(exchangeNanos.sum() / n);
    }

    /** Errors by kind since start (only kinds that occurred). */
    @Override
    public Map<ErrorKind, Long> errorsByKind() {
        Map<ErrorKind, Long> out = new EnumMap<>(ErrorKind.class);
        errors.forEach((kind, count) -> {
            long n = count.sum();
            if (n > 0) {
                out.put(kind, n);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** A consistent-enough copy of every counter, for printing or comparison. */
    public Snapshot snapshot() {
        return new Snapshot(connectionsOpen(), connectionsTotal(), connectionsRejected(), bytesIn(), bytesOut(),
                errorsByKind(), exchangesCompleted(), meanExchangeLatency());
    }

    /**
     * The counters at one moment.
     *
     * @param connectionsOpen connections open
     * @param connectionsTotal connections accepted since start
     * @param connectionsRejected connections refused by limits
     * @param bytesIn bytes received
     * @param bytesOut bytes sent
     * @param errors errors by kind (kinds with zero omitted)
     * @param exchangesCompleted exchanges completed
     * @param meanExchangeLatency mean exchange latency, zero before the first exchange
     */
    public record Snapshot(long connectionsOpen, long connectionsTotal, long connectionsRejected, long bytesIn,
                           long bytesOut, Map<ErrorKind, Long> errors, long exchangesCompleted,
                           Duration meanExchangeLatency) {

        /** The counters without exchange figures (for sources that do not track exchanges). */
        public Snapshot(long connectionsOpen, long connectionsTotal, long connectionsRejected, long bytesIn,
                        long bytesOut, Map<ErrorKind, Long> errors) {
            this(connectionsOpen, connectionsTotal, connectionsRejected, bytesIn, bytesOut, errors, 0, Duration.ZERO);
        }
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}

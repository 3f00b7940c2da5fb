package dev.toolkit.udp;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.observe.MetricsRecorder;
import dev.toolkit.core.observe.ServerMetrics;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a datagram server or client, the datagram counterpart of
 * {@link dev.toolkit.core.observe.ConnectionMetrics}: datagrams and bytes each way, datagrams dropped by
 * limits (truncated, rate-limited, queue full, from an unexpected sender), the request layer's malformed,
 * stray and duplicate replies, retransmissions and time-outs, and errors by {@link ErrorKind}. Thread-safe;
 * read them at any time.
 */
public final class DatagramMetrics implements ServerMetrics {

    /** Bytes and errors, counted as for connections. */
    private final MetricsRecorder base = new MetricsRecorder();
    private final LongAdder datagramsIn = new LongAdder();
    private final LongAdder datagramsOut = new LongAdder();
    private final LongAdder empty = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder queueOverflows = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder strayReplies = new LongAdder();
    private final LongAdder duplicateReplies = new LongAdder();
    private final LongAdder retransmissions = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    /** Counters at zero; made by the endpoint that counts into them. */
    DatagramMetrics() {
    }

    void received(int bytes) {
        datagramsIn.increment();
        base.bytesIn(bytes);
        if (bytes == 0) {
            empty.increment();
        }
    }

    void sent(int bytes) {
        datagramsOut.increment();
        base.bytesOut(bytes);
    }

    void countTruncated() {
        truncated.increment();
    }

    void countRateLimited() {
        rateLimited.increment();
    }

    void countQueueOverflow() {
        queueOverflows.increment();
    }

    void countForeign() {
        foreign.increment();
    }

    void countMalformed() {
        malformed.increment();
    }

    void countStrayReply() {
        strayReplies.increment();
    }

    void countDuplicateReply() {
        duplicateReplies.increment();
    }

    void countRetransmission() {
        retransmissions.increment();
    }

    void countTimeout() {
        timeouts.increment();
    }

    void error(ErrorKind kind) {
        base.error(kind);
    }

    /** Datagrams received (including those then dropped by a limit). */
    public long datagramsIn() {
        return datagramsIn.sum();
    }

    /** Datagrams sent. */
    public long datagramsOut() {
        return datagramsOut.sum();
    }

    /** Payload bytes received. */
    @Override
    public long bytesIn() {
        return base.metrics().bytesIn();
    }

    /** Payload bytes sent. */
    @Override
    public long bytesOut() {
        return base.metrics().bytesOut();
    }

    /** Empty (zero-byte) datagrams received; they are valid UDP and delivered like any other. */
    public long empty() {
        return empty.sum();
    }

    /** Datagrams larger than the receive size, dropped and reported instead of delivered cut short. */
    public long truncated() {
        return truncated.sum();
    }

    /** Datagrams dropped by the per-source rate limit. */
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** Datagrams dropped because the client's receive queue was full. */
    public long queueOverflows() {
        return queueOverflows.sum();
    }

    /** Datagrams dropped because they came from an address the client did not talk to. */
    public long foreign() {
        return foreign.sum();
    }

    /** Datagrams the request layer could not parse (too short, unknown kind). */
    public long malformed() {
        return malformed.sum();
    }

    /** Replies whose request ID matches no request ever sent (or long forgotten). */
    public long strayReplies() {
        return strayReplies.sum();
    }

    /** Second and later replies to a request already answered. */
    public long duplicateReplies() {
        return duplicateReplies.sum();
    }

    /** Requests sent again after a time-out. */
    public long retransmissions() {
        return retransmissions.sum();
    }

    /** Waits for a reply that timed out (each attempt counts). */
    public long timeouts() {
        return timeouts.sum();
    }

    /** Errors of {@code kind} since start. */
    @Override
    public long errors(ErrorKind kind) {
        return base.metrics().errors(kind);
    }

    /** Errors by kind since start (only kinds that occurred). */
    @Override
    public Map<ErrorKind, Long> errorsByKind() {
        return base.metrics().errorsByKind();
    }

    /** A copy of every counter, for printing or comparison. */
    public Snapshot snapshot() {
        return new Snapshot(datagramsIn(), datagramsOut(), bytesIn(), bytesOut(), empty(), truncated(),
                rateLimited(), queueOverflows(), foreign(), malformed(), strayReplies(), duplicateReplies(),
                retransmissions(), timeouts(), errorsByKind());
    }

    /**
     * The counters at one moment; see the getters of {@link DatagramMetrics} for each one's meaning.
     *
     * @param datagramsIn datagrams received
     * @param datagramsOut datagrams sent
     * @param bytesIn payload bytes received
     * @param bytesOut payload bytes sent
     * @param empty empty datagrams received
     * @param truncated datagrams too large for the receive size
     * @param rateLimited datagrams dropped by the rate limit
     * @param queueOverflows datagrams dropped on a full receive queue
     * @param foreign datagrams from an unexpected sender
     * @param malformed datagrams the request layer could not parse
     * @param strayReplies replies to no known request
     * @param duplicateReplies repeated replies
     * @param retransmissions requests sent again
     * @param timeouts waits that timed out
     * @param errors errors by kind (kinds with zero omitted)
     */
    public record Snapshot(long datagramsIn, long datagramsOut, long bytesIn, long bytesOut, long empty,
                           long truncated, long rateLimited, long queueOverflows, long foreign, long malformed,
                           long strayReplies, long duplicateReplies, long retransmissions, long timeouts,
                           Map<ErrorKind, Long> errors) {
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one worker process has added to its group's {@link ConnectionMetrics}: each report of the worker's own
 * counters is applied to the group's as the difference from the previous one.
 *
 * <p>A report is read from separate counters at slightly different moments, so it can be inconsistent by a
 * connection or two (closed connections seeming to go down). The difference is therefore clamped so that
 * nothing the group counts ever goes back; the next report catches up.
 */
final class WorkerMetrics {

    private long total;
    private long closed;
    private long rejected;
    private long bytesIn;
    private long bytesOut;
    private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    private boolean retired;

    /** Adds to {@code group} what {@code report} holds beyond the previous report. */
    synchronized void apply(ConnectionMetrics.Snapshot report, MetricsRecorder group) {
        if (retired) {
            return;
        }
        long newTotal = Math.max(total, report.connectionsTotal());
        repeat(newTotal - total, group::connectionOpened);
        total = newTotal;
        long newClosed = Math.max(closed, Math.min(total, report.connectionsTotal() - report.connectionsOpen()));
        repeat(newClosed - closed, group::connectionClosed);
        closed = newClosed;
        long newRejected = Math.max(rejected, report.connectionsRejected());
        repeat(newRejected - rejected, group::connectionRejected);
        rejected = newRejected;
        if (report.bytesIn() > bytesIn) {
            group.bytesIn(report.bytesIn() - bytesIn);
            bytesIn = report.bytesIn();
        }
        if (report.bytesOut() > bytesOut) {
            group.bytesOut(report.bytesOut() - bytesOut);
            bytesOut = report.bytesOut();
        }
        report.errors().forEach((kind, count) -> {
            long before = errors.getOrDefault(kind, 0L);
            if (count > before) {
                repeat(count - before, () -> group.error(kind));
                errors.put(kind, count);
            }
        });
    }

    /** The worker has ended: its connections still counted as open are closed, and later reports are ignored. */
    synchronized void retire(MetricsRecorder group) {
        if (!retired) {
            repeat(total - closed, group::connectionClosed);
            closed = total;
            retired = true;
        }
    }

    // ConnectionMetrics counts connection events one at a time; a report carries tens to thousands of them.
    private static void repeat(long times, Runnable event) {
        for (long i = 0; i < times; i++) {
            event.run();
        }
    }
}

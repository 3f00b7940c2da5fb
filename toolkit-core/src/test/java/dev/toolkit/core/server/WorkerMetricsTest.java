package dev.toolkit.core.server;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The group's counters are the sum of its workers' reports, including workers that ended. */
class WorkerMetricsTest {

    private final MetricsRecorder groupRecorder = new MetricsRecorder();
    private final ConnectionMetrics group = groupRecorder.metrics();

    @Test
    void sumsTheLatestReportOfEachWorker() {
        WorkerMetrics a = new WorkerMetrics();
        WorkerMetrics b = new WorkerMetrics();
        a.apply(report(2, 5, 1, 100, 200, Map.of(ErrorKind.PROTOCOL, 1L)), groupRecorder);
        b.apply(report(1, 1, 0, 10, 20, Map.of()), groupRecorder);
        a.apply(report(0, 6, 1, 150, 260, Map.of(ErrorKind.PROTOCOL, 2L, ErrorKind.TIMEOUT, 1L)), groupRecorder);
        assertEquals(new ConnectionMetrics.Snapshot(1, 7, 1, 160, 280,
                Map.of(ErrorKind.PROTOCOL, 2L, ErrorKind.TIMEOUT, 1L)), group.snapshot());
    }

    @Test
    void aWorkerThatEndsClosesItsConnectionsButKeepsItsTotals() {
        WorkerMetrics a = new WorkerMetrics();
        a.apply(report(3, 4, 0, 1, 1, Map.of()), groupRecorder);
        a.retire(groupRecorder);
        a.apply(report(9, 9, 9, 9, 9, Map.of()), groupRecorder); // nothing counts after the end
        assertEquals(0, group.connectionsOpen());
        assertEquals(4, group.connectionsTotal());
    }

    @Test
    void anInconsistentReportNeverMakesACounterGoBack() {
        WorkerMetrics a = new WorkerMetrics();
        a.apply(report(0, 5, 0, 50, 50, Map.of()), groupRecorder);
        a.apply(report(1, 5, 0, 40, 40, Map.of()), groupRecorder); // read mid-update: one closed connection "reopened"
        assertEquals(0, group.connectionsOpen());
        assertEquals(5, group.connectionsTotal());
        assertEquals(50, group.bytesIn());
        a.apply(report(1, 6, 0, 60, 60, Map.of()), groupRecorder);
        assertEquals(1, group.connectionsOpen());
        assertEquals(6, group.connectionsTotal());
    }

    private static ConnectionMetrics.Snapshot report(long open, long total, long rejected, long in, long out,
                                                     Map<ErrorKind, Long> errors) {
        return new ConnectionMetrics.Snapshot(open, total, rejected, in, out, errors);
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.observe.ConnectionMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lines a supervisor and its workers exchange. */
class WorkerMessagesTest {

    @Test
    void metricsRoundTrip() {
        ConnectionMetrics.Snapshot none = new ConnectionMetrics.Snapshot(1, 2, 3, 4, 5, Map.of());
        ConnectionMetrics.Snapshot some = new ConnectionMetrics.Snapshot(0, 9, 0, 100, 200,
                Map.of(ErrorKind.IO, 2L, ErrorKind.TLS, 1L));
        for (ConnectionMetrics.Snapshot s : new ConnectionMetrics.Snapshot[] {none, some}) {
            String message = WorkerMessages.metrics(s);
            assertEquals(WorkerMessages.METRICS, WorkerMessages.command(message));
            assertEquals(s, WorkerMessages.parseMetrics(WorkerMessages.argument(message)));
        }
    }

    @Test
    void malformedMetricsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WorkerMessages.parseMetrics("1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> WorkerMessages.parseMetrics("1 2 3 4 5 IO"));
        assertThrows(IllegalArgumentException.class, () -> WorkerMessages.parseMetrics("1 2 3 4 5 NOPE=1"));
    }

    @Test
    void aFailureStaysOneMessage() {
        String message = WorkerMessages.failed(ErrorKind.IO, "bind failed:\r\nAddress already in use\n");
        assertTrue(!message.contains("\n") && !message.contains("\r"), message);
        String argument = WorkerMessages.argument(message);
        assertEquals("IO", WorkerMessages.command(argument));
        assertEquals("bind failed: Address already in use ", WorkerMessages.argument(argument));
    }

    @Test
    void drainCarriesTheGrace() {
        String message = WorkerMessages.drain(Duration.ofMillis(2500));
        assertEquals(WorkerMessages.DRAIN, WorkerMessages.command(message));
        assertEquals(Duration.ofMillis(2500), WorkerMessages.parseDrain(WorkerMessages.argument(message)));
    }

    @Test
    void everyGroupHasItsOwnMarker() {
        assertNotEquals(WorkerMessages.marker(WorkerMessages.newToken()),
                WorkerMessages.marker(WorkerMessages.newToken()));
    }
}

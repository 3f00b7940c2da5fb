package dev.toolkit.core.observe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Floods of one warning logged as one line, then one summary per window, the windows ended by the test. */
class LogSummaryTest {

    private final Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final Logger logger = new EventRecordingLogger(new SubstituteLogger("test", events, false), events);
    // Never runs anything: the windows end when the test says so.
    private final ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor();
    private final LogSummary summary = new LogSummary(logger, "srv: rejected connections", Duration.ofSeconds(1),
            idle);

    @AfterEach
    void stop() {
        idle.shutdownNow();
    }

    private List<String> lines() {
        return events.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(e -> MessageFormatter.arrayFormat(e.getMessage(), e.getArgumentArray()).getMessage())
                .toList();
    }

    @Test
    void firstLineAsItIsThenOneSummaryWithCountTopSourceAndLastMessage() {
        for (int i = 0; i < 9053; i++) {
            summary.warn(i % 3 == 0 ? "192.0.2.1" : "192.0.2.2", "srv: rejected connection " + i);
        }
        assertEquals(List.of("srv: rejected connection 0"), lines());
        summary.endWindow();
        assertEquals(2, lines().size());
        assertEquals("srv: rejected connections: 9052 more in the last 1 s, most from 192.0.2.2 (6035); "
                + "last: srv: rejected connection 9052", lines().get(1));
    }

    @Test
    void aQuietWindowEndsTheSummary() {
        summary.warn("a", "first");
        summary.warn("a", "second");
        summary.endWindow();
        summary.endWindow();
        assertEquals(2, lines().size());
        summary.warn("b", "after a pause");
        assertEquals("after a pause", lines().get(2), "logged as it is again");
    }

    @Test
    void sourcesBeyondTheBoundAreCountedButNotRanked() {
        summary.warn(null, "first");
        for (int i = 0; i < LogSummary.MAX_SOURCES + 100; i++) {
            summary.warn("10.0.0." + i, "line " + i);
        }
        summary.warn(null, "no source");
        summary.endWindow();
        assertTrue(lines().get(1).startsWith("srv: rejected connections: " + (LogSummary.MAX_SOURCES + 101)
                + " more"), lines().get(1));
    }

    @Test
    void windowMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LogSummary(logger, "x", Duration.ZERO));
    }
}

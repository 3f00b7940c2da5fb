package dev.toolkit.core.pipeline;

import org.slf4j.Logger;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/** A logger for tests that records every line, with all levels enabled. */
final class RecordingLog {

    private final Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final Logger logger = new EventRecordingLogger(new SubstituteLogger("test", events, false), events);

    Logger logger() {
        return logger;
    }

    /** The formatted lines logged at {@code level}. */
    List<String> lines(Level level) {
        return events.stream().filter(e -> e.getLevel() == level)
                .map(e -> MessageFormatter.arrayFormat(e.getMessage(), e.getArgumentArray()).getMessage())
                .collect(Collectors.toList());
    }

    /** Whether a line logged at {@code level} carried a throwable. */
    boolean hasThrowable(Level level) {
        return events.stream().anyMatch(e -> e.getLevel() == level && e.getThrowable() != null);
    }
}

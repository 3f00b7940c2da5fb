package dev.toolkit.core.observe;

import dev.toolkit.core.error.Durations;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A warning that may come in floods (connections refused by a limit, accepts failing for lack of file
 * descriptors), logged at most once per window: the first one as it is, then, while they keep coming, one
 * summary line per window with how many there were, the source that sent the most, and the last message.
 * When a window passes without any, the next one is again logged as it is. Thread-safe; summaries are written
 * by one daemon thread shared by every summary of the process.
 */
public final class LogSummary {

    /** The default window: one line per second at most. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);

    /** Distinct sources counted per window; more are still counted in the total. */
    static final int MAX_SOURCES = 1024;

    private static final class Scheduler {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "toolkit-log-summary");
            t.setDaemon(true);
            return t;
        });
    }

    private final Logger log;
    private final String label;
    private final Duration window;
    private final ScheduledExecutorService scheduler;

    // Guarded by this.
    private boolean windowOpen;
    private long count;
    private final Map<String, Integer> bySource = new HashMap<>();
    private String lastMessage;

    /**
     * @param log where lines go (at WARN)
     * @param label starts each summary line, e.g. {@code "echo: rejected connections"}
     */
    public LogSummary(Logger log, String label) {
        this(log, label, DEFAULT_WINDOW, null);
    }

    /**
     * @param log where lines go (at WARN)
     * @param label starts each summary line
     * @param window at most one line per this long
     */
    public LogSummary(Logger log, String label, Duration window) {
        this(log, label, window, null);
    }

    /** As {@link #LogSummary(Logger, String, Duration)}; with {@code scheduler} null, the shared thread writes. */
    LogSummary(Logger log, String label, Duration window, ScheduledExecutorService scheduler) {
        this.log = Objects.requireNonNull(log, "log");
        this.label = Objects.requireNonNull(label, "label");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.scheduler = scheduler;
    }

    /**
     * Records one occurrence.
     *
     * @param source what it came from (a client's address), for the summary's "most from"; may be {@code null}
     * @param message the whole line, logged as it is when it is the first of a window
     */
    public void warn(String source, String message) {
        synchronized (this) {
            if (windowOpen) {
                count++;
                lastMessage = message;
                if (source != null && (bySource.size() < MAX_SOURCES || bySource.containsKey(source))) {
                    bySource.merge(source, 1, Integer::sum);
                }
                return;
            }
            windowOpen = true;
        }
        log.warn(message);
        schedule();
    }

    /** Ends the current window: logs its summary and opens the next one, or closes it when it was quiet. */
    void endWindow() {
        String line;
        synchronized (this) {
            if (count == 0) {
                windowOpen = false;
                return;
            }
            Map.Entry<String, Integer> top = null;
            for (Map.Entry<String, Integer> e : bySource.entrySet()) {
                if (top == null || e.getValue() > top.getValue()) {
                    top = e;
                }
            }
            line = label + ": " + count + " more in the last " + Durations.format(window)
                    + (top == null ? "" : ", most from " + top.getKey() + " (" + top.getValue() + ")")
                    + "; last: " + lastMessage;
            count = 0;
            bySource.clear();
            lastMessage = null;
        }
        log.warn(line);
        schedule();
    }

    private void schedule() {
        ScheduledExecutorService s = scheduler != null ? scheduler : Scheduler.INSTANCE;
        s.schedule(this::endWindow, window.toNanos(), TimeUnit.NANOSECONDS);
    }
}

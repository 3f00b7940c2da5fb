package dev.toolkit.core.server;

import dev.toolkit.core.error.Backoff;

import java.time.Duration;
import java.util.List;

/**
 * Decides how long to wait before replacing a worker process that exited, so that a worker which keeps dying
 * right after it starts cannot make the supervisor start JVMs without pause.
 *
 * <p>Each worker slot keeps a streak of quick exits: exits of a worker that never reported ready, or that
 * served for less than {@code stableAfter}. The first quick exit of a streak (and any exit after a stable run)
 * is replaced at once; the next ones wait the successive delays of a {@link Backoff}, staying at its last
 * delay once the schedule runs out. An exit after a stable run ends the streak.
 */
final class RestartThrottle {

    /** The default schedule: 0.5 s, doubling, up to 16 s between attempts. */
    static final Backoff DEFAULT_BACKOFF = Backoff.builder()
            .initial(Duration.ofMillis(500)).multiplier(2.0).maxDelay(Duration.ofSeconds(30)).build();
    /** The default time a worker must serve before its exit no longer counts as a crash loop. */
    static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(5);

    private final List<Duration> delays;
    private final Duration stableAfter;
    private final int[] streaks;

    RestartThrottle(int slots, Backoff backoff, Duration stableAfter) {
        this.delays = backoff.delays();
        this.stableAfter = stableAfter;
        this.streaks = new int[slots];
    }

    /**
     * Records that the worker of {@code slot} exited and returns the pause before replacing it.
     *
     * @param slot the worker's slot
     * @param servedFor how long it served after reporting ready, or {@code null} if it never did
     */
    synchronized Duration afterExit(int slot, Duration servedFor) {
        boolean quick = servedFor == null || servedFor.compareTo(stableAfter) < 0;
        if (!quick) {
            streaks[slot] = 0;
            return Duration.ZERO;
        }
        int streak = ++streaks[slot];
        if (streak == 1) {
            return Duration.ZERO;
        }
        return delays.get(Math.min(streak - 2, delays.size() - 1));
    }

    /** The quick exits in a row of {@code slot}'s workers. */
    synchronized int streak(int slot) {
        return streaks[slot];
    }
}

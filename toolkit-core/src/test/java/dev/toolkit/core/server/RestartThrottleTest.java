package dev.toolkit.core.server;

import dev.toolkit.core.error.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A worker that keeps dying soon after it starts is replaced after growing, capped pauses. */
class RestartThrottleTest {

    private final RestartThrottle throttle = new RestartThrottle(2, Backoff.builder().initial(Duration.ofMillis(100))
            .multiplier(2).maxDelay(Duration.ofMillis(500)).build(), Duration.ofSeconds(5));

    @Test
    void replacesAtOnceThenPausesLongerAndLongerUpToTheCap() {
        assertEquals(Duration.ZERO, throttle.afterExit(0, null));
        assertEquals(Duration.ofMillis(100), throttle.afterExit(0, Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(200), throttle.afterExit(0, null));
        assertEquals(Duration.ofMillis(400), throttle.afterExit(0, null));
        assertEquals(Duration.ofMillis(400), throttle.afterExit(0, null));
        assertEquals(5, throttle.streak(0));
    }

    @Test
    void aStableRunEndsTheStreak() {
        throttle.afterExit(0, null);
        throttle.afterExit(0, null);
        assertEquals(Duration.ZERO, throttle.afterExit(0, Duration.ofSeconds(6)));
        assertEquals(0, throttle.streak(0));
        assertEquals(Duration.ZERO, throttle.afterExit(0, null));
    }

    @Test
    void eachSlotHasItsOwnStreak() {
        throttle.afterExit(0, null);
        throttle.afterExit(0, null);
        assertEquals(Duration.ZERO, throttle.afterExit(1, null));
        assertEquals(1, throttle.streak(1));
    }

    @Test
    void theDefaultScheduleIsCappedAtSixteenSeconds() {
        RestartThrottle defaults = new RestartThrottle(1, RestartThrottle.DEFAULT_BACKOFF,
                RestartThrottle.DEFAULT_STABLE_AFTER);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 20; i++) {
            last = defaults.afterExit(0, null);
        }
        assertEquals(Duration.ofSeconds(16), last);
    }
}

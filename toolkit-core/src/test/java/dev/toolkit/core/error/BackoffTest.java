package dev.toolkit.core.error;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    static List<Duration> millis(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofMillis).toList();
    }

    @Test
    void theBooksScheduleIsFiveAttemptsDoublingFromATenthOfASecond() {
        Backoff book = Backoff.book();
        assertEquals(millis(100, 200, 400, 800, 1600), book.delays());
        assertEquals(Duration.ofMillis(100), book.initial());
        assertEquals(2.0, book.multiplier());
        assertEquals(Duration.ofSeconds(2), book.maxDelay());
        assertEquals("Backoff[PT0.1S, PT0.2S, PT0.4S, PT0.8S, PT1.6S]", book.toString());
    }

    @Test
    void maxAttemptsCutsTheScheduleShort() {
        assertEquals(millis(100, 200, 400), Backoff.builder().maxAttempts(3).build().delays());
        assertEquals(millis(100, 100, 100), Backoff.builder().multiplier(1.0).maxAttempts(3).build().delays());
    }

    @Test
    void aWaitEqualToTheMaximumIsStillMade() {
        assertEquals(millis(250, 500, 1000), Backoff.builder().initial(Duration.ofMillis(250))
                .maxDelay(Duration.ofSeconds(1)).build().delays());
    }

    @Test
    void toBuilderKeepsTheSettings() {
        Backoff b = Backoff.builder().initial(Duration.ofMillis(10)).multiplier(3).maxDelay(Duration.ofMillis(100))
                .maxAttempts(2).build();
        Backoff copy = b.toBuilder().build();
        assertEquals(b.delays(), copy.delays());
        assertEquals(millis(10, 30), copy.delays());
        assertEquals(millis(10, 30, 90), b.toBuilder().maxAttempts(10).build().delays());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.builder().initial(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Backoff.builder().initial(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> Backoff.builder().initial(null));
        assertThrows(IllegalArgumentException.class, () -> Backoff.builder().multiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> Backoff.builder().multiplier(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Backoff.builder().maxAttempts(0));
        assertThrows(NullPointerException.class, () -> Backoff.builder().maxDelay(null));
        assertThrows(IllegalArgumentException.class,
                () -> Backoff.builder().initial(Duration.ofSeconds(3)).build());
    }

    @Test
    void aScheduleThatNeverReachesItsMaximumNeedsMaxAttempts() {
        // Without a cap on attempts, a constant (or barely growing) wait would make an endless schedule.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backoff.builder().multiplier(1.0).build());
        assertEquals("multiplier 1.0 with no maxAttempts makes more than 10000 attempts; set maxAttempts",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backoff.builder().multiplier(1.000001).build());
    }
}

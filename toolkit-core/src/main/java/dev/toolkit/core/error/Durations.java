package dev.toolkit.core.error;

import java.time.Duration;

/** Formats durations for messages the way people write them: {@code 100 ms}, {@code 2.5 s}. */
public final class Durations {

    private Durations() {
    }

    /** Formats {@code d} as milliseconds below one second, else as seconds. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        double seconds = millis / 1000.0;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
    }
}

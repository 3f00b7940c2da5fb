package dev.toolkit.core.config;

import java.time.Duration;

/**
 * The argument checks the configuration builders of every module share, so that the same mistake gets the
 * same message everywhere. Each returns its argument, or throws {@link IllegalArgumentException} naming it.
 */
public final class Checks {

    private Checks() {
    }

    /** A port to listen on or bind: 0 (ephemeral) to 65535. */
    public static int port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        return port;
    }

    /** A name for threads and log lines: not null, not blank. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return name;
    }

    /** A count or size that may be zero. */
    public static int notNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }

    /** An optional time limit: {@code null} for none, else positive. */
    public static Duration positiveOrNull(Duration limit, String what) {
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException(what + " must be positive or null: " + limit);
        }
        return limit;
    }

    /** Write buffer water marks: neither negative, the high one at least the low one. */
    public static void waterMarks(int low, int high) {
        notNegative(low, "writeBufferLowWaterMark");
        if (high < low) {
            throw new IllegalArgumentException("writeBufferHighWaterMark must be at least the low mark: "
                    + high + " < " + low);
        }
    }
}

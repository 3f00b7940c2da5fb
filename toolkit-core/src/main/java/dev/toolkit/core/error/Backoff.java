package dev.toolkit.core.error;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An exponential back-off schedule: wait {@code initial}, multiply by {@code multiplier} after each failure,
 * and give up once the next wait would exceed {@code maxDelay} (or after {@code maxAttempts}).
 *
 * <p>{@link #book()} is chapter 2's schedule: 0.1 s, doubling, giving up past 2.0 s, which makes five
 * attempts that wait 0.1, 0.2, 0.4, 0.8 and 1.6 s.
 */
public final class Backoff {

    private final Duration initial;
    private final double multiplier;
    private final Duration maxDelay;
    private final int maxAttempts;

    private Backoff(Builder b) {
        this.initial = b.initial;
        this.multiplier = b.multiplier;
        this.maxDelay = b.maxDelay;
        this.maxAttempts = b.maxAttempts;
    }

    /** The book's schedule: 0.1 s, times two, give up once the wait would exceed 2.0 s. */
    public static Backoff book() {
        return builder().build();
    }

    /** A builder starting from the book's schedule. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this schedule's settings. */
    public Builder toBuilder() {
        return new Builder().initial(initial).multiplier(multiplier).maxDelay(maxDelay).maxAttempts(maxAttempts);
    }

    /** The waits of successive attempts, in order; its size is the number of attempts. */
    public List<Duration> delays() {
        List<Duration> delays = new ArrayList<>();
        double nanos = initial.toNanos();
        while (delays.size() < maxAttempts && nanos <= maxDelay.toNanos()) {
            delays.add(Duration.ofNanos(Math.round(nanos)));
            nanos *= multiplier;
        }
        return delays;
    }

    /** The first wait. */
    public Duration initial() {
        return initial;
    }

    /** The factor applied after each failed attempt. */
    public double multiplier() {
        return multiplier;
    }

    /** The longest wait; a longer next wait means giving up. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** The most attempts made, whatever the waits. */
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public String toString() {
        return "Backoff" + delays();
    }

    /** Builds a {@link Backoff}. */
    public static final class Builder {
        /** The most attempts a schedule may make when only {@code maxDelay} ends it. */
        static final int MAX_UNCAPPED_ATTEMPTS = 10_000;

        private Duration initial = Duration.ofMillis(100);
        private double multiplier = 2.0;
        private Duration maxDelay = Duration.ofSeconds(2);
        private int maxAttempts = Integer.MAX_VALUE;

        private Builder() {
        }

        /** The first wait (default 100 ms). */
        public Builder initial(Duration initial) {
            Objects.requireNonNull(initial, "initial");
            if (initial.isNegative() || initial.isZero()) {
                throw new IllegalArgumentException("initial wait must be positive: " + initial);
            }
            this.initial = initial;
            return this;
        }

        /** The factor applied after each failure (default 2.0; at least 1.0). */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0)) {
                throw new IllegalArgumentException("multiplier must be at least 1.0: " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /** Give up once the next wait would exceed this (default 2 s). */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
            return this;
        }

        /** The most attempts (default unlimited: only {@code maxDelay} stops). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Builds the schedule; it must allow at least one attempt, and without {@code maxAttempts} it must reach
         * {@code maxDelay} within 10,000 attempts (a multiplier of 1.0 never does).
         */
        public Backoff build() {
            if (initial.compareTo(maxDelay) > 0) {
                throw new IllegalArgumentException("initial wait " + initial + " exceeds maxDelay " + maxDelay);
            }
            if (maxAttempts == Integer.MAX_VALUE) {
                // The number of waits from initial up to maxDelay: 1 + floor(log(max / initial) / log(multiplier)).
                double steps = Math.log((double) maxDelay.toNanos() / initial.toNanos()) / Math.log(multiplier);
                if (!(steps < MAX_UNCAPPED_ATTEMPTS)) {
                    throw new IllegalArgumentException("multiplier " + multiplier + " with no maxAttempts makes more "
                            + "than " + MAX_UNCAPPED_ATTEMPTS + " attempts; set maxAttempts");
                }
            }
            return new Backoff(this);
        }
    }
}

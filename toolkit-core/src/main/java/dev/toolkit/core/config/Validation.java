package dev.toolkit.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The check of a whole configuration in its builder's {@code build()}: every rule is tested, every broken one
 * is collected, and {@link #done()} throws one {@link IllegalArgumentException} naming each wrong setting and
 * its value. Since nothing is checked before {@code build()}, the order of the setters never matters.
 *
 * <pre>{@code
 * Validation.of("ServerConfig")
 *         .port("port", port)
 *         .atLeast("backlog", backlog, 1)
 *         .rule(maxPendingWriteBytes >= high, "maxPendingWriteBytes (" + maxPendingWriteBytes
 *                 + ") must be at least writeBufferHighWaterMark (" + high + ")")
 *         .done();
 * }</pre>
 */
public final class Validation {

    private final String configuration;
    private final List<String> problems = new ArrayList<>();

    private Validation(String configuration) {
        this.configuration = configuration;
    }

    /** Starts the check of the configuration called {@code configuration} (named in the message). */
    public static Validation of(String configuration) {
        return new Validation(configuration);
    }

    /** A port to listen on or bind: 0 (ephemeral) to 65535. */
    public Validation port(String setting, int value) {
        return rule(value >= 0 && value <= 65535, setting + " must be 0..65535: " + value);
    }

    /** A count or size that may be zero. */
    public Validation notNegative(String setting, long value) {
        return rule(value >= 0, setting + " must not be negative: " + value);
    }

    /** A count or size of at least {@code min}. */
    public Validation atLeast(String setting, long value, long min) {
        return rule(value >= min, setting + " must be at least " + min + ": " + value);
    }

    /** A required object. */
    public Validation present(String setting, Object value) {
        return rule(value != null, setting + " must be set (it is null)");
    }

    /** A name for threads and log lines: not null, not blank. */
    public Validation name(String setting, String value) {
        return rule(value != null && !value.isBlank(), setting + " must not be blank: \"" + value + "\"");
    }

    /** An optional time limit: {@code null} for none, else positive. */
    public Validation positiveOrNull(String setting, Duration value) {
        return rule(value == null || !(value.isNegative() || value.isZero()),
                setting + " must be positive or null: " + value);
    }

    /** A required time limit: not null, positive. */
    public Validation positive(String setting, Duration value) {
        if (value == null) {
            return present(setting, null);
        }
        return positiveOrNull(setting, value);
    }

    /** An optional duration that may be zero: {@code null} or not negative. */
    public Validation notNegativeOrNull(String setting, Duration value) {
        return rule(value == null || !value.isNegative(), setting + " must not be negative: " + value);
    }

    /** Write buffer water marks: neither negative, the high one at least the low one. */
    public Validation waterMarks(int low, int high) {
        notNegative("writeBufferLowWaterMark", low);
        return rule(high >= low, "writeBufferHighWaterMark must be at least writeBufferLowWaterMark: high="
                + high + " < low=" + low);
    }

    /** Any other rule: {@code problem} names the setting(s) and value(s) when {@code holds} is false. */
    public Validation rule(boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
        return this;
    }

    /**
     * Ends the check.
     *
     * @throws IllegalArgumentException naming every broken rule, if any
     */
    public void done() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid " + configuration + ": " + String.join("; ", problems));
        }
    }
}

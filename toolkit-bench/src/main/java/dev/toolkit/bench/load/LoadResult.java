package dev.toolkit.bench.load;

import java.util.Map;

/**
 * What the load generator counted in one measured round, and the CPU it used meanwhile.
 *
 * @param answers answers received complete and correct
 * @param connections connections closed after their quota of answers (churn only)
 * @param errors what failed: for the C generator connections refused, reset, closed early or given a wrong
 *               answer byte; for wrk its socket errors and its error responses (status 400 and above)
 * @param seconds the measured time
 * @param cpuSeconds the load generator's own user plus system CPU seconds over that time
 * @param errorKinds the errors by kind (only kinds that occurred), summing to {@code errors}
 */
public record LoadResult(long answers, long connections, long errors, double seconds, double cpuSeconds,
                         Map<String, Long> errorKinds) {

    /** Copies the kinds. */
    public LoadResult {
        errorKinds = Map.copyOf(errorKinds);
    }

    /** A result whose errors are all failed connections (the C generator's only kind). */
    public LoadResult(long answers, long connections, long errors, double seconds, double cpuSeconds) {
        this(answers, connections, errors, seconds, cpuSeconds,
                errors == 0 ? Map.of() : Map.of("failed connections", errors));
    }

    /** Answers per second. */
    public double answersPerSecond() {
        return answers / seconds;
    }
}

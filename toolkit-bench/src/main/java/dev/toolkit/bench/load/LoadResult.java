package dev.toolkit.bench.load;

/**
 * What the load generator counted in one measured round, and the CPU it used meanwhile.
 *
 * @param answers answers received complete and correct
 * @param connections connections closed after their quota of answers (churn only)
 * @param errors connections that failed: refused, reset, closed early, or a wrong answer byte
 * @param seconds the measured time
 * @param cpuSeconds the load generator's own user plus system CPU seconds over that time
 */
public record LoadResult(long answers, long connections, long errors, double seconds, double cpuSeconds) {

    /** Answers per second. */
    public double answersPerSecond() {
        return answers / seconds;
    }
}

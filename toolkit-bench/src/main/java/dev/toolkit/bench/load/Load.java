package dev.toolkit.bench.load;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a scenario puts on each server, by whichever program generates it: the C load generator
 * ({@link LoadSpec}) or wrk ({@link WrkLoad}). The harness only asks for a {@link Runner} on the load
 * generator's core and runs rounds with it.
 */
public interface Load {

    /** One line saying what the load is, for reports. */
    String describe();

    /** The program that generates the load, for reports ({@code toolkit-bench's C generator}, {@code wrk}). */
    String generator();

    /**
     * Makes the program ready (building or locating it) and returns what runs rounds of this load.
     *
     * @param module the toolkit-bench directory ({@code target/} holds built programs and work files)
     * @param cpu the core the program is pinned to
     */
    Runner runner(Path module, int cpu);

    /** Runs rounds of one load against a server. */
    interface Runner {

        /**
         * Runs one round measured for {@code measured} against {@code server}: calls {@code onStart} when the
         * measurement starts, {@code onEnd} as soon as it is over, and returns what was counted.
         */
        LoadResult run(InetSocketAddress server, Duration measured, Runnable onStart, Runnable onEnd);

        /** The shortest round the program can run, used to probe whether a server answers yet. */
        Duration shortestRound();

        /**
         * Runs the shortest rounds until the server has answered something, at most {@code timeout}: a freshly
         * started JVM on a busy core may take seconds over its first answers, which no round should count.
         *
         * @throws IllegalStateException if no answer came within {@code timeout}
         */
        default void awaitAnswers(InetSocketAddress server, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            LoadResult last;
            do {
                last = run(server, shortestRound(), () -> { }, () -> { });
                if (last.answers() > 0) {
                    return;
                }
            } while (System.nanoTime() < deadline);
            throw new IllegalStateException("the server at " + server + " gave no correct answer within "
                    + timeout.toSeconds() + " s (last try: " + last.errors() + " errors " + last.errorKinds() + ")");
        }
    }
}

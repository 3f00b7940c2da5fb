package dev.toolkit.bench.load;

import java.util.Map;

/**
 * One server's measured round.
 *
 * @param round the round's number, from 1
 * @param server the server's name
 * @param answersPerSecond answers per second
 * @param serverCpuMicrosPerAnswer the server process's user plus system CPU per answer, in microseconds
 * @param serverCoreShare the server's CPU time over the round's time: near 1 when its core was the bottleneck,
 *                        well below when the load (or a busy machine's scheduling) was
 * @param loadCpuMicrosPerAnswer the load generator's CPU per answer, in microseconds
 * @param connectionsPerSecond connections completed per second (churn), else 0
 * @param errors what failed in the round (see {@link LoadResult#errors()})
 * @param errorKinds the errors by kind
 */
public record Round(int round, String server, double answersPerSecond, double serverCpuMicrosPerAnswer,
                    double serverCoreShare, double loadCpuMicrosPerAnswer, double connectionsPerSecond, long errors,
                    Map<String, Long> errorKinds) {

    /** Copies the kinds. */
    public Round {
        errorKinds = Map.copyOf(errorKinds);
    }
}

package dev.toolkit.bench.load;

import dev.toolkit.tcp.zen.Aphorisms;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chapter 7's Zen servers under load: a bare Netty server ({@code NettyBaselineServer}: a
 * {@code DelimiterBasedFrameDecoder} and one handler flushing each answer, printing the listing's two lines per
 * connection) against the toolkit's {@code ch07 srv_asyncio1}, in three scenarios: 64 steady connections with
 * one question in flight, 64 connections with 16 questions pipelined each, and connection churn (64 at once,
 * each: connect, 3 questions, close); the connections come from 8 loopback addresses (127.0.0.1 to .8).
 *
 * <pre>
 * toolkit-bench/run-bench zen [--rounds 5] [--seconds 5] [--warmup 10] [--scenarios steady-64,pipelined-16,churn-3]
 *     [--out bench/results]
 * </pre>
 *
 * Writes {@code zen.json} and {@code zen.md} into the output directory (relative to the repository root).
 */
public final class ZenBench {

    /** The benchmark's name, and its results files' names. */
    public static final String NAME = "zen";

    // 8 connections per loopback address: a load, not one client hogging the server (which a per-address
    // connection limit would rightly refuse).
    private static final int SOURCES = 8;

    private ZenBench() {
    }

    /** Every question of the Zen protocol with its answer. */
    public static Map<String, String> exchanges() {
        Map<String, String> exchanges = new LinkedHashMap<>();
        for (String question : Aphorisms.questions()) {
            exchanges.put(question, Aphorisms.answer(question));
        }
        return exchanges;
    }

    /** The three scenarios, by name. */
    public static Map<String, Scenario> scenarios() {
        Map<String, String> exchanges = exchanges();
        Duration unset = Duration.ofSeconds(1);
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (Scenario s : List.of(
                new Scenario("steady-64", new LoadSpec(64, 1, 0, unset, Duration.ZERO, exchanges, SOURCES)),
                new Scenario("pipelined-16", new LoadSpec(64, 16, 0, unset, Duration.ZERO, exchanges, SOURCES)),
                new Scenario("churn-3", new LoadSpec(64, 1, 3, unset, Duration.ZERO, exchanges, SOURCES)))) {
            scenarios.put(s.name(), s);
        }
        return scenarios;
    }

    /** The bare Netty server. */
    public static ServerSpec baseline() {
        return new ServerSpec("netty-baseline", "dev.toolkit.examples.ch07.NettyBaselineServer",
                List.of("127.0.0.1", "0"), ServerSpec.LISTENING_AT);
    }

    /** The toolkit's listing, run by the examples' launcher. */
    public static ServerSpec toolkit() {
        return new ServerSpec("srv_asyncio1", "dev.toolkit.examples.Launcher",
                List.of("ch07", "srv_asyncio1", "127.0.0.1", "-p", "0"), ServerSpec.LISTENING_AT);
    }

    /** Runs the benchmark; see the class comment for the options. A bad command line exits with status 2. */
    public static void main(String[] args) {
        BenchCommand.main(NAME, args, scenarios(), baseline(), toolkit(), report -> "");
    }
}

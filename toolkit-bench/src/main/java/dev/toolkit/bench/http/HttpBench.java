package dev.toolkit.bench.http;

import dev.toolkit.bench.load.BenchCommand;
import dev.toolkit.bench.load.Report;
import dev.toolkit.bench.load.Scenario;
import dev.toolkit.bench.load.ServerSpec;
import dev.toolkit.bench.load.WrkLoad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP server under wrk: the toolkit's hello world ({@link ToolkitHelloWorldServer}) against a bare Netty
 * server ({@link NettyHttpBaselineServer}), both answering {@code GET /} with {@value NettyHttpBaselineServer#BODY},
 * each in its own JVM pinned to core 1, wrk pinned to core 0, in two scenarios: 64 keep-alive connections with
 * one request in flight each ({@code keepalive}), and the same connections writing 16 requests at a time
 * ({@code pipelined-16}).
 *
 * <pre>
 * toolkit-bench/run-bench http [--rounds 5] [--seconds 5] [--warmup 10] [--scenarios keepalive,pipelined-16]
 *     [--out bench/results]
 * </pre>
 *
 * Writes {@code http.json} and {@code http.md} into the output directory (relative to the repository root).
 */
public final class HttpBench {

    /** The benchmark's name, and its results files' names. */
    public static final String NAME = "http";

    /** Connections wrk keeps open in each scenario. */
    static final int CONNECTIONS = 64;

    /** Requests per write in the pipelined scenario. */
    static final int PIPELINE = 16;

    /** The pipelined scenario's goal: the toolkit's answers/s over the baseline's. */
    static final double PIPELINED_GOAL = 1.25;

    /** The keep-alive scenario's goal: the toolkit's server CPU per answer over the baseline's. */
    static final double KEEPALIVE_CPU_GOAL = 1.0;

    private HttpBench() {
    }

    /** The two scenarios, by name. */
    public static Map<String, Scenario> scenarios() {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (Scenario s : List.of(
                new Scenario("keepalive", new WrkLoad(CONNECTIONS, 1, 1, "/")),
                new Scenario("pipelined-" + PIPELINE, new WrkLoad(CONNECTIONS, 1, PIPELINE, "/")))) {
            scenarios.put(s.name(), s);
        }
        return scenarios;
    }

    /** The bare Netty server. */
    public static ServerSpec baseline() {
        return new ServerSpec("netty-http-baseline", NettyHttpBaselineServer.class.getName(),
                List.of("127.0.0.1", "0"), ServerSpec.LISTENING_AT);
    }

    /** The toolkit's hello world. */
    public static ServerSpec toolkit() {
        return new ServerSpec("toolkit-http", ToolkitHelloWorldServer.class.getName(), List.of("127.0.0.1", "0"),
                ServerSpec.LISTENING_AT);
    }

    /** What the results file says about the servers, the load and the goals. */
    static String notes(Report report) {
        StringBuilder goals = new StringBuilder();
        for (Report.ScenarioResult s : report.scenarios()) {
            if (s.name().equals("pipelined-" + PIPELINE)) {
                goals.append(goal(s.name() + " answers/s ratio", s.answersRatio(), s.answersRatio() >= PIPELINED_GOAL,
                        ">= " + PIPELINED_GOAL));
            } else if (s.name().equals("keepalive")) {
                goals.append(goal(s.name() + " server CPU/answer ratio", s.serverCpuRatio(),
                        s.serverCpuRatio() <= KEEPALIVE_CPU_GOAL, "<= " + KEEPALIVE_CPU_GOAL));
            }
        }
        return DESCRIPTION + (goals.length() == 0 ? "" : "\nGoals:\n\n" + goals);
    }

    private static String goal(String what, double value, boolean met, String target) {
        return String.format(Locale.ROOT, "- %s: %.2fx (goal %sx): %s%n", what, value, target, met ? "met" : "MISSED");
    }

    private static final String DESCRIPTION = """
                What is compared:

                - `netty-http-baseline` (`dev.toolkit.bench.http.NettyHttpBaselineServer`): what a plain Netty user \
                writes, untuned either way. One event loop group (Netty's default thread count) on epoll, \
                `HttpServerCodec` with Netty's default decoder settings, and one handler that answers each request \
                head with a new `DefaultFullHttpResponse`: body `Hello, World!`, `Content-Type: text/plain; \
                charset=utf-8`, `Content-Length`, a `Date` formatted per response by Netty's `DateFormatter`, \
                keep-alive as `HttpUtil.isKeepAlive` says; written with `writeAndFlush`, one flush per response.
                - `toolkit-http` (`dev.toolkit.bench.http.ToolkitHelloWorldServer`):\s""" + ToolkitHelloWorldServer.DESCRIPTION + """


                Load: Debian's wrk with toolkit-bench's script `wrk-report.lua` (pipelining: 16 copies of the \
                request in one write, the next 16 once all are answered). Answers are the responses wrk counted \
                less error responses (status 400 or above, the only statuses wrk counts as errors); errors are \
                wrk's socket errors (connect, read, write, timeout) plus those responses. Goals: `pipelined-16` \
                answers/s ratio >= 1.25x; `keepalive` server CPU/answer ratio <= 1.0x.
                """;

    /** Runs the benchmark; see the class comment for the options. A bad command line exits with status 2. */
    public static void main(String[] args) {
        BenchCommand.main(NAME, args, scenarios(), baseline(), toolkit(), HttpBench::notes);
    }
}

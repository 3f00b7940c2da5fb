package dev.toolkit.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a benchmark: for each scenario, starts the baseline and the candidate server in their own JVMs pinned
 * to one core, the scenario's load generator (the C one or wrk, see {@link Load}) pinned to the other, waits until each answers, warms each up once, then runs
 * alternating rounds (baseline first in odd rounds, candidate first in even ones, so neither always meets a
 * warmer machine). Each round reads the server's CPU time from {@code /proc} when the load generator starts and
 * stops measuring.
 * Servers are stopped by PID when their scenario is done.
 */
public final class Harness {

    private final Settings settings;
    private final Consumer<String> progress;

    /**
     * Timing, cores and paths of a run.
     *
     * @param rounds measured rounds per server and scenario (at least 1; 5 by default)
     * @param roundTime how long each round is measured
     * @param warmup the load each freshly started server gets before its first round
     * @param serverCpu the core the servers run on
     * @param loadCpu the core the load generator runs on
     * @param jvmOptions the servers' JVM options (the same for every server)
     * @param module the toolkit-bench directory (the C load generator's source; {@code target/} for work files)
     */
    public record Settings(int rounds, Duration roundTime, Duration warmup, int serverCpu, int loadCpu,
                           List<String> jvmOptions, Path module) {

        /** Checks and copies. */
        public Settings {
            if (rounds < 1) {
                throw new IllegalArgumentException("at least one round is needed, got " + rounds);
            }
            Objects.requireNonNull(roundTime, "roundTime");
            Objects.requireNonNull(warmup, "warmup");
            Objects.requireNonNull(module, "module");
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** 5 rounds of 5 s after 10 s of warm-up, servers on core 1, the load generator on core 0. */
        public static Settings defaults(Path module) {
            return new Settings(5, Duration.ofSeconds(5), Duration.ofSeconds(10), 1, 0,
                    List.of("-Xms256m", "-Xmx256m"), module);
        }
    }

    /**
     * @param settings how to run
     * @param progress told one line per round
     */
    public Harness(Settings settings, Consumer<String> progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Runs every scenario against {@code baseline} and {@code candidate}. */
    public Report run(String benchmark, ServerSpec baseline, ServerSpec candidate, List<Scenario> scenarios) {
        Path work = settings.module().resolve("target/bench-work");
        double[] loadBefore = loadAverage();
        List<Report.ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Load.Runner runner = scenario.load().runner(settings.module(), settings.loadCpu());
            results.add(runScenario(runner, work, baseline, candidate, scenario));
        }
        return new Report(benchmark, baseline.name(), candidate.name(), settings, loadBefore, loadAverage(), results,
                "");
    }

    private Report.ScenarioResult runScenario(Load.Runner runner, Path work, ServerSpec baseline,
                                              ServerSpec candidate, Scenario scenario) {
        double[] loadBefore = loadAverage();
        Map<String, List<Round>> rounds = new LinkedHashMap<>();
        rounds.put(baseline.name(), new ArrayList<>());
        rounds.put(candidate.name(), new ArrayList<>());
        try (ServerProcess a = ServerProcess.start(baseline, settings.serverCpu(), settings.jvmOptions(), work);
             ServerProcess b = ServerProcess.start(candidate, settings.serverCpu(), settings.jvmOptions(), work)) {
            for (ServerProcess server : List.of(a, b)) {
                runner.awaitAnswers(server.address(), Duration.ofMinutes(1));
            }
            if (!settings.warmup().isZero()) {
                for (ServerProcess server : List.of(a, b)) {
                    progress.accept(scenario.name() + ": warming up " + server.name());
                    runner.run(server.address(), settings.warmup(), () -> { }, () -> { });
                }
            }
            for (int round = 1; round <= settings.rounds(); round++) {
                List<ServerProcess> order = round % 2 == 1 ? List.of(a, b) : List.of(b, a);
                for (ServerProcess server : order) {
                    Round r = measure(runner, server, settings.roundTime(), round);
                    rounds.get(server.name()).add(r);
                    progress.accept(String.format(java.util.Locale.ROOT,
                            "%s round %d %s: %.0f answers/s, server %.2f us/answer (%.0f%% of its core), load"
                                    + " generator %.2f us/answer, %d errors%s", scenario.name(), round, server.name(),
                            r.answersPerSecond(), r.serverCpuMicrosPerAnswer(), 100 * r.serverCoreShare(),
                            r.loadCpuMicrosPerAnswer(), r.errors(), r.errors() == 0 ? "" : " " + r.errorKinds()));
                }
            }
        }
        return Report.ScenarioResult.of(scenario, baseline.name(), candidate.name(), rounds, loadBefore,
                loadAverage());
    }

    private static Round measure(Load.Runner runner, ServerProcess server, Duration time, int round) {
        double[] cpu = new double[2];
        LoadResult result = runner.run(server.address(), time,
                () -> cpu[0] = server.cpuSeconds(), () -> cpu[1] = server.cpuSeconds());
        double answers = Math.max(1, result.answers());
        return new Round(round, server.name(), result.answersPerSecond(), (cpu[1] - cpu[0]) * 1e6 / answers,
                (cpu[1] - cpu[0]) / result.seconds(), result.cpuSeconds() * 1e6 / answers,
                result.connections() / result.seconds(), result.errors(), result.errorKinds());
    }

    /** The 1-, 5- and 15-minute load averages from {@code /proc/loadavg}. */
    static double[] loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2])};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/loadavg", e);
        }
    }
}

package dev.toolkit.bench.load;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark's results: per scenario and server the median and spread of answers per second and of CPU per
 * answer (the server's, and the load generator's beside it), the candidate's ratios to the baseline, every
 * round, and the machine's load averages. {@link #write} saves it as {@code NAME.json} and {@code NAME.md}.
 *
 * @param benchmark the benchmark's name
 * @param baseline the baseline server's name
 * @param candidate the candidate server's name
 * @param settings how it was run
 * @param loadBefore the load averages (1, 5, 15 minutes) before the run
 * @param loadAfter the load averages after it
 * @param scenarios the results per scenario
 * @param notes what the servers and loads are, in Markdown, written after the table ("" for none)
 */
public record Report(String benchmark, String baseline, String candidate, @JsonIgnore Harness.Settings settings,
                     double[] loadBefore, double[] loadAfter, List<ScenarioResult> scenarios, String notes) {

    /** The same results with {@code notes} (Markdown) saying what was compared. */
    public Report withNotes(String notes) {
        return new Report(benchmark, baseline, candidate, settings, loadBefore, loadAfter, scenarios, notes);
    }

    /**
     * One server's figures in one scenario.
     *
     * @param answersPerSecond answers per second over the rounds
     * @param serverCpuMicrosPerAnswer the server's CPU per answer (µs)
     * @param serverCoreShare the share of its core the server used
     * @param loadCpuMicrosPerAnswer the load generator's CPU per answer (µs)
     * @param connectionsPerSecond connections completed per second (churn)
     * @param errors failed connections over all rounds
     */
    public record ServerFigures(Stats answersPerSecond, Stats serverCpuMicrosPerAnswer, Stats serverCoreShare,
                                Stats loadCpuMicrosPerAnswer, Stats connectionsPerSecond, long errors) {

        static ServerFigures of(List<Round> rounds) {
            return new ServerFigures(stats(rounds, Round::answersPerSecond),
                    stats(rounds, Round::serverCpuMicrosPerAnswer), stats(rounds, Round::serverCoreShare),
                    stats(rounds, Round::loadCpuMicrosPerAnswer),
                    stats(rounds, Round::connectionsPerSecond), rounds.stream().mapToLong(Round::errors).sum());
        }

        private static Stats stats(List<Round> rounds, ToDoubleFunction<Round> value) {
            return Stats.of(rounds.stream().map(r -> value.applyAsDouble(r)).toList());
        }
    }

    /**
     * One scenario's results.
     *
     * @param name the scenario
     * @param load what the load generator did
     * @param generator the program that generated the load
     * @param figures per server
     * @param answersRatio the candidate's median answers per second over the baseline's
     * @param pairedAnswersRatio the same ratio round by round (each round's candidate over that round's
     *                           baseline): its median and spread
     * @param serverCpuRatio the candidate's median server CPU per answer over the baseline's
     * @param loadBefore the load averages before the scenario
     * @param loadAfter the load averages after it
     * @param rounds every measured round
     */
    public record ScenarioResult(String name, String load, String generator, Map<String, ServerFigures> figures,
                                 double answersRatio,
                                 Stats pairedAnswersRatio, double serverCpuRatio, double[] loadBefore,
                                 double[] loadAfter, List<Round> rounds) {

        static ScenarioResult of(Scenario scenario, String baseline, String candidate, Map<String, List<Round>> rounds,
                                 double[] loadBefore, double[] loadAfter) {
            Map<String, ServerFigures> figures = new LinkedHashMap<>();
            rounds.forEach((server, list) -> figures.put(server, ServerFigures.of(list)));
            ServerFigures base = figures.get(baseline);
            ServerFigures cand = figures.get(candidate);
            List<Double> paired = new ArrayList<>();
            List<Round> baseRounds = rounds.get(baseline);
            List<Round> candRounds = rounds.get(candidate);
            for (int i = 0; i < Math.min(baseRounds.size(), candRounds.size()); i++) {
                paired.add(candRounds.get(i).answersPerSecond() / baseRounds.get(i).answersPerSecond());
            }
            List<Round> all = new ArrayList<>();
            rounds.values().forEach(all::addAll);
            return new ScenarioResult(scenario.name(), scenario.load().describe(), scenario.load().generator(), figures,
                    cand.answersPerSecond().median() / base.answersPerSecond().median(), Stats.of(paired),
                    cand.serverCpuMicrosPerAnswer().median() / base.serverCpuMicrosPerAnswer().median(),
                    loadBefore, loadAfter, all);
        }
    }

    /** Writes {@code dir/NAME.json} and {@code dir/NAME.md}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("written", Instant.now().toString());
            json.put("machine", machine());
            Map<String, Object> how = new LinkedHashMap<>();
            how.put("rounds", settings.rounds());
            how.put("roundSeconds", settings.roundTime().toMillis() / 1000.0);
            how.put("warmupSeconds", settings.warmup().toMillis() / 1000.0);
            how.put("serverCpu", settings.serverCpu());
            how.put("loadGeneratorCpu", settings.loadCpu());
            how.put("serverJvmOptions", settings.jvmOptions());
            json.put("settings", how);
            json.put("report", this);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(dir.resolve(benchmark + ".json").toFile(), json);
            Files.writeString(dir.resolve(benchmark + ".md"), markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + dir, e);
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return machine;
    }

    /** The results as a Markdown document. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(benchmark).append(": ").append(candidate).append(" against ").append(baseline)
                .append("\n\n");
        md.append(String.format(Locale.ROOT, "%d alternating rounds of %.1f s per server and scenario after %.1f s of"
                        + " warm-up; servers pinned to core %d (each in its own JVM, %s), the load generator (%s) to"
                        + " core %d. Medians, spread as [min, max]; CPU is user+sys from /proc per answer. A server"
                        + " using well under all of its core was not the bottleneck: its figures then tell more about"
                        + " the load or the machine than about the server. Load average (1/5/15 min) %s before, %s"
                        + " after.\n\n", settings.rounds(),
                settings.roundTime().toMillis() / 1000.0, settings.warmup().toMillis() / 1000.0, settings.serverCpu(),
                String.join(" ", settings.jvmOptions()),
                String.join(", ", scenarios.stream().map(ScenarioResult::generator).distinct().toList()),
                settings.loadCpu(), load(loadBefore), load(loadAfter)));
        md.append("| scenario | answers/s ratio (paired [min, max]) | server CPU/answer ratio | ").append(baseline)
                .append(" answers/s | ").append(candidate).append(" answers/s | ").append(baseline)
                .append(" µs/answer | ").append(candidate).append(" µs/answer | server's share of its core (")
                .append(baseline).append(" / ").append(candidate).append(") | load generator µs/answer (")
                .append(baseline).append(" / ").append(candidate).append(") | errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult s : scenarios) {
            ServerFigures base = s.figures().get(baseline);
            ServerFigures cand = s.figures().get(candidate);
            md.append(String.format(Locale.ROOT, "| %s | %.2fx (%.2fx [%.2f, %.2f]) | %.2fx | %s | %s | %s | %s"
                            + " | %.0f%% / %.0f%% | %.2f / %.2f | %d / %d |\n", s.name(), s.answersRatio(),
                    s.pairedAnswersRatio().median(), s.pairedAnswersRatio().min(), s.pairedAnswersRatio().max(),
                    s.serverCpuRatio(),
                    spread(base.answersPerSecond(), "%.0f"), spread(cand.answersPerSecond(), "%.0f"),
                    spread(base.serverCpuMicrosPerAnswer(), "%.2f"), spread(cand.serverCpuMicrosPerAnswer(), "%.2f"),
                    100 * base.serverCoreShare().median(), 100 * cand.serverCoreShare().median(),
                    base.loadCpuMicrosPerAnswer().median(), cand.loadCpuMicrosPerAnswer().median(), base.errors(),
                    cand.errors()));
        }
        md.append("\nScenarios:\n\n");
        for (ScenarioResult s : scenarios) {
            md.append("- `").append(s.name()).append("`: ").append(s.load())
                    .append(String.format(Locale.ROOT, " (load average %s before, %s after)", load(s.loadBefore()),
                            load(s.loadAfter()))).append('\n');
        }
        List<String> failed = new ArrayList<>();
        for (ScenarioResult s : scenarios) {
            for (Round r : s.rounds()) {
                if (r.errors() > 0) {
                    failed.add(String.format(Locale.ROOT, "- `%s` round %d, %s: %d errors %s", s.name(), r.round(),
                            r.server(), r.errors(), r.errorKinds()));
                }
            }
        }
        md.append(failed.isEmpty() ? "\nNo round had errors.\n" : "\nRounds with errors:\n\n"
                + String.join("\n", failed) + "\n");
        if (!notes.isBlank()) {
            md.append('\n').append(notes.strip()).append('\n');
        }
        return md.toString();
    }

    private static String spread(Stats stats, String format) {
        return String.format(Locale.ROOT, format + " [" + format + ", " + format + "]", stats.median(), stats.min(),
                stats.max());
    }

    private static String load(double[] load) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f", load[0], load[1], load[2]);
    }
}

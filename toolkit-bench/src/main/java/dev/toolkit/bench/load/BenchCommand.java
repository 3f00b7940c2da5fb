package dev.toolkit.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line every load benchmark takes, and its run: {@code --rounds N --seconds S --warmup S
 * --scenarios a,b --out DIR --root DIR}, each optional ({@link Harness.Settings#defaults}, every scenario,
 * {@code bench/results}, the current directory). Runs the harness, writes {@code NAME.json} and {@code NAME.md}
 * into the output directory (relative to the repository root) and prints the Markdown.
 *
 * @param root the repository root
 * @param settings how the harness runs
 * @param scenarios the chosen scenarios, in the order given
 * @param out where the results go
 */
public record BenchCommand(Path root, Harness.Settings settings, List<Scenario> scenarios, Path out) {

    private static final List<String> OPTIONS = List.of("root", "rounds", "seconds", "warmup", "scenarios", "out");

    /** Copies. */
    public BenchCommand {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * Runs benchmark {@code name} of {@code baseline} against {@code candidate} as {@code args} say; a bad command
     * line prints why and exits with status 2.
     *
     * @param known the benchmark's scenarios by name
     * @param notes what the benchmark compares and how the results meet its goals, in Markdown, for the results
     *              file
     */
    public static void main(String name, String[] args, Map<String, Scenario> known, ServerSpec baseline,
                            ServerSpec candidate, Function<Report, String> notes) {
        BenchCommand command;
        try {
            command = parse(args, known);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Report measured = new Harness(command.settings(), System.out::println)
                .run(name, baseline, candidate, command.scenarios());
        Report report = measured.withNotes(notes.apply(measured));
        report.write(command.out());
        System.out.print(report.markdown());
        System.out.println("Written: " + command.out().resolve(name + ".json") + ", "
                + command.out().resolve(name + ".md"));
    }

    /**
     * Reads a command line.
     *
     * @param known the scenarios {@code --scenarios} chooses from
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static BenchCommand parse(String[] args, Map<String, Scenario> known) {
        Map<String, String> options = options(args);
        Path root = Path.of(options.getOrDefault("root", "."));
        Path module = root.resolve("toolkit-bench");
        if (!Files.isDirectory(module)) {
            throw new IllegalArgumentException("run from the repository root (or give --root): no " + module);
        }
        Harness.Settings defaults = Harness.Settings.defaults(module);
        Harness.Settings settings = new Harness.Settings(
                rounds(options.getOrDefault("rounds", Integer.toString(defaults.rounds()))),
                seconds(options.get("seconds"), defaults.roundTime()),
                seconds(options.get("warmup"), defaults.warmup()),
                defaults.serverCpu(), defaults.loadCpu(), defaults.jvmOptions(), module);
        List<Scenario> chosen = Arrays.stream(options.getOrDefault("scenarios", String.join(",", known.keySet()))
                .split(",")).map(name -> {
                    Scenario s = known.get(name);
                    if (s == null) {
                        throw new IllegalArgumentException("unknown scenario " + name + "; known: " + known.keySet());
                    }
                    return s;
                }).toList();
        return new BenchCommand(root, settings, chosen, root.resolve(options.getOrDefault("out", "bench/results")));
    }

    private static Duration seconds(String value, Duration otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of seconds: " + value);
        }
    }

    private static int rounds(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rounds takes a whole number, got " + value);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("options are --name value pairs; got " + String.join(" ", args));
            }
            String name = args[i].substring(2);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: --"
                        + String.join(", --", OPTIONS));
            }
            options.put(name, args[++i]);
        }
        return options;
    }
}

package dev.toolkit.examples.tour;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.support.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code toolkit tour}: runs the demo of every chapter (or of the chapters named) in this process, on
 * loopback only, printing each conversation and a closing summary table; exits 0 only if every demo passed.
 */
@Command(name = "tour", description = "Run every chapter's demo on loopback and check what the programs print.")
public final class Tour implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Parameters(arity = "0..*", paramLabel = "CHAPTER", description = "only these chapters (default: all)")
    private List<String> chapters = new ArrayList<>();

    /**
     * The outcome of one demo.
     *
     * @param unavailable what this machine lacks to run the demo, or {@code null} when it ran
     */
    public record Result(Demo demo, List<String> problems, long millis, String unavailable) {
        /** Whether the demo did not fail: every check passed, or it could not run here. */
        public boolean ok() {
            return problems.isEmpty();
        }

        /** Whether the demo ran. */
        public boolean ran() {
            return unavailable == null;
        }
    }

    @Override
    public Integer call() {
        for (String chapter : chapters) {
            if (!Catalog.chapters().containsKey(chapter)) {
                throw new ParameterException(spec.commandLine(), "unknown chapter '" + chapter + "' (valid: "
                        + String.join(", ", Catalog.chapters().keySet()) + ")");
            }
        }
        List<Demo> demos = Catalog.demos().stream()
                .filter(d -> chapters.isEmpty() || chapters.contains(d.chapter())).toList();
        List<Result> results = run(demos, spec.commandLine().getOut());
        return results.stream().allMatch(Result::ok) ? 0 : 1;
    }

    /**
     * Runs {@code demos} one after the other, printing each conversation and then the summary to
     * {@code console}.
     *
     * @return one result per demo
     */
    public static List<Result> run(List<Demo> demos, PrintWriter console) {
        List<Result> results = new ArrayList<>();
        for (Demo demo : demos) {
            console.println();
            console.println("== " + demo.chapter() + " " + demo.listing() + " ("
                    + Catalog.chapters().get(demo.chapter()) + "): " + demo.checks());
            long start = System.nanoTime();
            List<String> problems;
            String unavailable = null;
            try {
                problems = demo.run(console);
            } catch (DemoUnavailableException e) {
                problems = List.of();
                unavailable = e.getMessage();
                console.println("  NOT RUN: needs " + unavailable);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems = List.of("interrupted");
            } catch (Exception e) {
                problems = List.of("could not run: " + e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            results.add(new Result(demo, problems, millis, unavailable));
            for (String problem : problems) {
                console.println("  FAILED: " + problem);
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        printSummary(results, console);
        return results;
    }

    private static void printSummary(List<Result> results, PrintWriter console) {
        String[] header = {"chapter", "listing", "checked", "result", "ms"};
        List<String[]> rows = new ArrayList<>();
        for (Result r : results) {
            rows.add(new String[] {r.demo().chapter(), r.demo().listing(), r.demo().checks(),
                    !r.ran() ? "NOT RUN" : r.ok() ? "OK" : "FAILED", String.valueOf(r.millis())});
        }
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        console.println();
        console.println("Summary");
        console.println(format(header, width));
        for (String[] row : rows) {
            console.println(format(row, width));
        }
        long notRun = results.stream().filter(r -> !r.ran()).count();
        long passed = results.stream().filter(r -> r.ran() && r.ok()).count();
        long failed = results.size() - passed - notRun;
        console.println(results.size() + " demos: " + passed + " OK, " + failed + " FAILED"
                + (notRun == 0 ? "" : ", " + notRun + " NOT RUN (a program they need is missing)"));
        console.flush();
    }

    private static String format(String[] row, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            boolean last = c == row.length - 1;
            // the time column is right-aligned, the others left-aligned
            sb.append(String.format(last ? "%" + width[c] + "s" : "%-" + width[c] + "s  ", row[c]));
        }
        return sb.toString().stripTrailing();
    }
}

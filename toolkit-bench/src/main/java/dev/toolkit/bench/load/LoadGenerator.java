package dev.toolkit.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C load generator ({@code src/main/c/loadgen.c} of toolkit-bench: one thread, epoll, many connections),
 * compiled with gcc into {@code target/} when missing or older than its source, and run pinned to one core
 * with {@code taskset}.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path executable;
    private final int cpu;

    private LoadGenerator(Path executable, int cpu) {
        this.executable = executable;
        this.cpu = cpu;
    }

    /**
     * Builds the generator if needed and returns it, to run on {@code cpu}.
     *
     * @param module the toolkit-bench directory (holding {@code src/main/c/loadgen.c})
     * @param cpu the core it runs on
     */
    public static LoadGenerator build(Path module, int cpu) {
        Path source = module.resolve("src/main/c/loadgen.c");
        Path executable = module.resolve("target/loadgen");
        try {
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException("the load generator's source is missing: " + source);
            }
            if (!Files.isExecutable(executable)
                    || Files.getLastModifiedTime(executable).compareTo(Files.getLastModifiedTime(source)) < 0) {
                Files.createDirectories(executable.getParent());
                run(List.of("gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", executable.toString(),
                        source.toString()), "gcc");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the load generator from " + source, e);
        }
        return new LoadGenerator(executable, cpu);
    }

    private static void run(List<String> command, String what) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(what + " failed (" + String.join(" ", command) + "):\n" + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }

    /**
     * Runs one round against {@code server}: calls {@code onStart} when the measurement starts (after the
     * warm-up), {@code onEnd} as soon as it is over, and returns what was counted.
     */
    public LoadResult run(InetSocketAddress server, LoadSpec spec, Runnable onStart, Runnable onEnd) {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu),
                executable.toString(), "-h", server.getAddress().getHostAddress(),
                "-p", Integer.toString(server.getPort()),
                "-c", Integer.toString(spec.connections()), "-d", Integer.toString(spec.depth()),
                "-q", Integer.toString(spec.perConnection()), "-s", Integer.toString(spec.sources()),
                "-t", seconds(spec.measured().toMillis()), "-w", seconds(spec.warmup().toMillis())));
        spec.exchanges().forEach((request, answer) -> {
            command.add("-r");
            command.add(request + "=" + answer);
        });
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the load generator " + executable, e);
        }
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            String result = null;
            while ((line = out.readLine()) != null) {
                if (line.equals("measuring")) {
                    onStart.run();
                } else if (line.startsWith("{")) {
                    onEnd.run();
                    result = line;
                }
            }
            long timeout = spec.measured().plus(spec.warmup()).toSeconds() + 30;
            if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the load generator did not exit within " + timeout + " s");
            }
            if (process.exitValue() != 0 || result == null) {
                throw new IllegalStateException("the load generator failed (exit status " + process.exitValue()
                        + ", " + (result == null ? "no result line" : result) + "): " + String.join(" ", command));
            }
            return parse(result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the load generator's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the load generator ran", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Reads the generator's result line. */
    static LoadResult parse(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        for (String field : List.of("answers", "connections", "errors", "seconds", "user", "sys")) {
            if (!node.hasNonNull(field)) {
                throw new IllegalStateException("the load generator's result has no " + field + ": " + line);
            }
        }
        return new LoadResult(node.get("answers").asLong(), node.get("connections").asLong(),
                node.get("errors").asLong(), node.get("seconds").asDouble(),
                node.get("user").asDouble() + node.get("sys").asDouble());
    }
}

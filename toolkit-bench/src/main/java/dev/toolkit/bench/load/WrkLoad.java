package dev.toolkit.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP load by wrk (Debian's {@code /usr/bin/wrk}, or the first {@code wrk} on {@code PATH}), pinned to one
 * core with {@code taskset}: {@code connections} keep-alive connections over {@code threads} threads, each
 * sending {@code GET path} with {@code pipeline} requests per write (1: one request at a time; more: the next
 * batch once the whole batch is answered, as TechEmpower's pipelining script does). It runs with
 * toolkit-bench's script {@code wrk-report.lua}, whose result line gives the counts and wrk's own CPU time.
 * Answers are the responses wrk counted less those with status 400 or above (wrk counts no other statuses as
 * errors); errors are its socket errors (connect, read, write, timeout) and those error responses.
 *
 * @param connections connections open at once, at least {@code threads}
 * @param threads wrk's threads, at least 1
 * @param pipeline requests per write, 1 to 1024
 * @param path the request target, starting with {@code /}
 */
public record WrkLoad(int connections, int threads, int pipeline, String path) implements Load {

    /** The name of the script in the class path (next to this class) and in the work directory. */
    static final String SCRIPT = "wrk-report.lua";

    /** The line the script prints at the end, before its JSON. */
    static final String RESULT_PREFIX = "wrk-result ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ERROR_KINDS = List.of("connect", "read", "write", "timeout", "status");

    /** Checks the values. */
    public WrkLoad {
        if (threads < 1 || connections < threads || pipeline < 1 || pipeline > 1024) {
            throw new IllegalArgumentException("threads must be >= 1, connections >= threads, pipeline 1 to 1024;"
                    + " got " + connections + " connections, " + threads + " threads, pipeline " + pipeline);
        }
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("the path must start with / and hold no spaces or control bytes: "
                    + path);
        }
    }

    @Override
    public String describe() {
        return connections + " keep-alive connections over " + threads + (threads == 1 ? " wrk thread" : " wrk threads")
                + ", " + (pipeline == 1 ? "1 request in flight each" : pipeline + " requests pipelined in each write")
                + ", GET " + path;
    }

    @Override
    public String generator() {
        return "wrk";
    }

    /** Finds wrk and writes the script into {@code module/target/bench-work/}. */
    @Override
    public Runner runner(Path module, int cpu) {
        Path wrk = locate();
        Path script = module.resolve("target/bench-work").resolve(SCRIPT);
        try (InputStream in = WrkLoad.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the wrk script " + SCRIPT + " is missing from the class path");
            }
            Files.createDirectories(script.getParent());
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wrk script to " + script, e);
        }
        return new Runner() {
            @Override
            public LoadResult run(InetSocketAddress server, Duration measured, Runnable onStart, Runnable onEnd) {
                return WrkLoad.this.run(command(wrk, script, cpu, server, measured), measured, onStart, onEnd);
            }

            @Override
            public Duration shortestRound() {
                return Duration.ofSeconds(1);
            }
        };
    }

    /** wrk's command line: pinned, this load's connections and threads, whole seconds (wrk takes no less). */
    List<String> command(Path wrk, Path script, int cpu, InetSocketAddress server, Duration measured) {
        long seconds = Math.max(1, (measured.toMillis() + 999) / 1000);
        String host = server.getAddress().getHostAddress();
        String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return List.of("taskset", "-c", Integer.toString(cpu), wrk.toString(),
                "-t", Integer.toString(threads), "-c", Integer.toString(connections), "-d", seconds + "s",
                "-s", script.toString(), "http://" + authority + ":" + server.getPort() + path,
                "--", Integer.toString(pipeline));
    }

    private LoadResult run(List<String> command, Duration measured, Runnable onStart, Runnable onEnd) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start wrk: " + String.join(" ", command), e);
        }
        try {
            onStart.run();
            StringBuilder output = new StringBuilder();
            boolean ended = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (!ended && line.startsWith(RESULT_PREFIX)) {
                        onEnd.run();
                        ended = true;
                    }
                    output.append(line).append('\n');
                }
            }
            long timeout = measured.toSeconds() + 30;
            if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wrk did not exit within " + timeout + " s: " + String.join(" ", command));
            }
            if (!ended && output.indexOf("unable to connect") >= 0) {
                // wrk gives up at once when its first connection is refused: a server not listening yet.
                return new LoadResult(0, 0, 1, measured.toMillis() / 1000.0, 0, Map.of("connect", 1L));
            }
            if (process.exitValue() != 0 || !ended) {
                throw new IllegalStateException("wrk failed (exit status " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + output);
            }
            return parse(output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read wrk's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * Reads the script's result line out of wrk's whole output.
     *
     * @throws IllegalStateException if there is no such line, or it lacks a count
     */
    static LoadResult parse(String output) {
        String line = output.lines().filter(l -> l.startsWith(RESULT_PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no '" + RESULT_PREFIX.strip()
                        + "' line (is " + SCRIPT + " the script it ran?):\n" + output));
        JsonNode node;
        try {
            node = JSON.readTree(line.substring(RESULT_PREFIX.length()));
        } catch (IOException e) {
            throw new IllegalStateException("wrk's result line is not JSON: " + line, e);
        }
        List<String> fields = new ArrayList<>(List.of("requests", "durationMicros", "cpuSeconds"));
        fields.addAll(ERROR_KINDS);
        for (String field : fields) {
            if (node == null || !node.path(field).isNumber()) {
                throw new IllegalStateException("wrk's result line has no number " + field + ": " + line);
            }
        }
        Map<String, Long> kinds = new LinkedHashMap<>();
        long errors = 0;
        for (String kind : ERROR_KINDS) {
            long count = node.get(kind).asLong();
            if (count > 0) {
                kinds.put(kind.equals("status") ? "status >= 400" : kind, count);
                errors += count;
            }
        }
        long requests = node.get("requests").asLong();
        double seconds = node.get("durationMicros").asLong() / 1e6;
        if (seconds <= 0) {
            throw new IllegalStateException("wrk's result line has no positive duration: " + line);
        }
        return new LoadResult(requests - node.get("status").asLong(), 0, errors, seconds,
                node.get("cpuSeconds").asDouble(), kinds);
    }

    /** Debian's wrk, else the first on {@code PATH}. */
    static Path locate() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/wrk")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "wrk"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(String.format(Locale.ROOT,
                        "wrk was not found (%s nor on PATH); Debian: apt-get install wrk", candidates.get(0))));
    }
}

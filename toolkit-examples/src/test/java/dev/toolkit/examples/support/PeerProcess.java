package dev.toolkit.examples.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer program (Gunicorn, a Python script, curl) running as a process, with its stdout and stderr lines
 * collected. Closing it ends the process, by its handle, if it still runs.
 */
public final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private PeerProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out, "peer-out");
        this.errReader = collect(process.getErrorStream(), err, "peer-err");
    }

    /**
     * Starts {@code command} in {@code directory} with {@code environment} added to this JVM's environment,
     * its stdin closed.
     */
    public static PeerProcess start(List<String> command, Path directory, Map<String, String> environment)
            throws IOException {
        return start(command, directory, environment, false);
    }

    /** Starts {@code command} with {@code environment} only (and {@code PATH=/usr/bin:/bin}), its stdin closed. */
    public static PeerProcess startClean(List<String> command, Path directory, Map<String, String> environment)
            throws IOException {
        return start(command, directory, environment, true);
    }

    private static PeerProcess start(List<String> command, Path directory, Map<String, String> environment,
            boolean clean) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        if (clean) {
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
        }
        builder.environment().putAll(environment);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        return new PeerProcess(process);
    }

    /** Runs {@code command} to its end (at most {@code timeout}) and returns its stdout; fails on another exit. */
    public static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        try (PeerProcess p = start(command, Path.of("."), Map.of())) {
            int status = p.awaitExit(timeout);
            if (status != 0) {
                throw new AssertionError(command + " exited with status " + status + "; stderr: " + p.err());
            }
            return String.join("\n", p.out());
        }
    }

    private Thread collect(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /**
     * Waits for a line of stdout or stderr that {@code pattern} finds something in.
     *
     * @return the match
     * @throws AssertionError if the process ends first or the time runs out
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        return await(List.of(out, err), line -> {
            Matcher m = pattern.matcher(line);
            return m.find() ? Optional.of(m) : Optional.empty();
        }, pattern.toString(), timeout);
    }

    /**
     * Waits for a line of stdout that {@code wanted} accepts.
     *
     * @return the line
     * @throws AssertionError if the process ends first or the time runs out
     */
    public String awaitOutLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return await(List.of(out), line -> wanted.test(line) ? Optional.of(line) : Optional.empty(),
                "the expected line", timeout);
    }

    private synchronized <T> T await(List<List<String>> streams, Function<String, Optional<T>> found, String what,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (List<String> lines : streams) {
                for (String line : lines) {
                    Optional<T> result = found.apply(line);
                    if (result.isPresent()) {
                        return result.get();
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (!process.isAlive() && !outReader.isAlive() && !errReader.isAlive()) {
                throw new AssertionError("the peer exited with status " + process.exitValue() + " before printing "
                        + what + "; stdout: " + out + ", stderr: " + err);
            }
            if (left <= 0) {
                throw new AssertionError("the peer did not print " + what + " within " + timeout.toSeconds()
                        + " s; stdout: " + out + ", stderr: " + err);
            }
            // woken by each new line; the bounded wait also notices the process's end
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /** Waits for the process to end and its output to be read; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the peer did not finish within " + timeout.toSeconds() + " s; stdout: "
                    + out() + ", stderr: " + err());
        }
        outReader.join(timeout.toMillis());
        errReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** The stdout lines so far. */
    public synchronized List<String> out() {
        return List.copyOf(out);
    }

    /** The stderr lines so far. */
    public synchronized List<String> err() {
        return List.copyOf(err);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

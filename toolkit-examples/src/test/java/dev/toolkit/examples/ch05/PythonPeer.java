package dev.toolkit.examples.ch05;

import dev.toolkit.testing.Peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One of the test resources' Python programs ({@code src/test/resources/python}) running as a process, with
 * its printed lines collected. Skips the test (fails it in CI) when python3 is missing. Closing it ends the
 * process if it still runs. Public for the other chapters' peer tests.
 */
public final class PythonPeer implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private PythonPeer(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out, "python-out");
        this.errReader = collect(process.getErrorStream(), err, "python-err");
    }

    /**
     * Starts {@code python3 -u SCRIPT ARGS...} (unbuffered, so lines arrive as printed).
     *
     * @param script a file of {@code src/test/resources/python}, e.g. {@code blocks.py}
     */
    public static PythonPeer start(String script, String... args) throws IOException {
        String python = Peers.require("python3", "python3");
        List<String> command = new ArrayList<>(List.of(python, "-u", scriptPath(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return new PythonPeer(builder.start());
    }

    private static Path scriptPath(String script) {
        URL url = PythonPeer.class.getResource("/python/" + script);
        if (url == null) {
            throw new IllegalArgumentException("no test resource python/" + script);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
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

    /** Waits for a printed line matching {@code wanted}; fails if the process ends first or time runs out. */
    public synchronized String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : out) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (!process.isAlive() && !outReader.isAlive()) {
                throw new AssertionError("python exited with status " + process.exitValue()
                        + " before printing the expected line; stderr: " + err);
            }
            if (left <= 0) {
                throw new AssertionError("python did not print the expected line within " + timeout.toSeconds()
                        + " s; printed " + out + ", stderr: " + err);
            }
            // Woken by each new line; the bounded wait also notices the process's end.
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /** Waits for the process to end and for its output to be read; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("python did not finish within " + timeout.toSeconds() + " s; printed " + out()
                    + ", stderr: " + err());
        }
        outReader.join(timeout.toMillis());
        errReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** The lines printed so far. */
    public synchronized List<String> out() {
        return List.copyOf(out);
    }

    /** The lines printed on stderr so far. */
    public synchronized List<String> err() {
        return List.copyOf(err);
    }

    /** Ends the process (by its handle, so only this process) if it still runs. */
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

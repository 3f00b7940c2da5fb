package dev.toolkit.examples.ch05;

import dev.toolkit.examples.support.PeerProcess;
import dev.toolkit.testing.Peers;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One of the test resources' Python programs ({@code src/test/resources/python}) running as a process, with
 * its printed lines collected. Skips the test (fails it in CI) when python3 is missing. Closing it ends the
 * process if it still runs. Public for the other chapters' peer tests.
 */
public final class PythonPeer implements AutoCloseable {

    private final PeerProcess process;

    private PythonPeer(PeerProcess process) {
        this.process = process;
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
        return new PythonPeer(PeerProcess.start(command, Path.of("."), Map.of()));
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

    /** Waits for a printed line matching {@code wanted}; fails if the process ends first or time runs out. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return process.awaitOutLine(wanted, timeout);
    }

    /** Waits for the process to end and for its output to be read; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.awaitExit(timeout);
    }

    /** The lines printed so far. */
    public List<String> out() {
        return process.out();
    }

    /** The lines printed on stderr so far. */
    public List<String> err() {
        return process.err();
    }

    /** Ends the process (by its handle, so only this process) if it still runs. */
    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}

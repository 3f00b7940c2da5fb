package dev.toolkit.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * A server under test running in its own JVM, pinned to one core with {@code taskset} (which execs the JVM, so
 * the process's id is the JVM's), its output written to files. {@link #close()} stops it by its PID: SIGTERM,
 * then SIGKILL if it has not exited within 10 seconds.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ServerSpec spec;
    private final Process process;
    private final InetSocketAddress address;

    private ServerProcess(ServerSpec spec, Process process, InetSocketAddress address) {
        this.spec = spec;
        this.process = process;
        this.address = address;
    }

    /**
     * Starts {@code spec} on {@code cpu} with the given JVM options and this JVM's class path, and waits until it
     * says it listens (at most a minute).
     *
     * @param workDir where its standard output and error go ({@code NAME.out}, {@code NAME.err})
     */
    public static ServerProcess start(ServerSpec spec, int cpu, List<String> jvmOptions, Path workDir) {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu),
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), spec.mainClass()));
        command.addAll(spec.arguments());
        Path out = workDir.resolve(spec.name() + ".out");
        Path err = workDir.resolve(spec.name() + ".err");
        Process process;
        try {
            Files.createDirectories(workDir);
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start server " + spec.name() + ": " + String.join(" ", command), e);
        }
        try {
            return new ServerProcess(spec, process, awaitListening(spec, process, out, err));
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static InetSocketAddress awaitListening(ServerSpec spec, Process process, Path out, Path err) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                // The first line tells the port; the file only grows, so reading its start is enough.
                List<String> lines = Files.exists(out) ? firstLines(out) : List.of();
                for (String line : lines) {
                    Matcher m = spec.listening().matcher(line);
                    if (m.find()) {
                        return new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("server " + spec.name() + " exited with status "
                            + process.exitValue() + " before listening; its errors:\n" + tail(err));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of server " + spec.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while server " + spec.name() + " started", e);
        }
        throw new IllegalStateException("server " + spec.name() + " printed no line matching "
                + spec.listening() + " within " + START_TIMEOUT.toSeconds() + " s; see " + out + " and " + err);
    }

    private static List<String> firstLines(Path file) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        return new String(head, StandardCharsets.UTF_8).lines().limit(20).toList();
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The server's name. */
    public String name() {
        return spec.name();
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return address;
    }

    /** Its process id. */
    public long pid() {
        return process.pid();
    }

    /** The CPU seconds (user plus system, every thread) it has used so far. */
    public double cpuSeconds() {
        if (!process.isAlive()) {
            throw new IllegalStateException("server " + spec.name() + " (pid " + pid() + ") has exited with status "
                    + process.exitValue());
        }
        return CpuTime.seconds(pid());
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

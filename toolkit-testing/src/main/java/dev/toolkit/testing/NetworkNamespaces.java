package dev.toolkit.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two Linux network namespaces joined by a veth pair, for tests that need a real link with a chosen MTU
 * without touching this machine's own interfaces: both ends live in namespaces the test made, each with an
 * address of a /30 from 10.0.0.0/8 that exists only there. {@link #close()} deletes both namespaces (and so
 * the link).
 *
 * <pre>{@code
 * try (NetworkNamespaces link = NetworkNamespaces.create(1400)) {
 *     Result r = link.execInFirst(List.of("java", "-cp", cp, "Main", link.secondAddress()), 60);
 * }
 * }</pre>
 *
 * <p>Needs {@code ip} (Debian: iproute2) and the right to create namespaces (root). Where namespaces cannot
 * be made the calling test is skipped with the reason; in CI ({@code CI=true}) it fails instead.
 */
public final class NetworkNamespaces implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String ip;
    private final String first;
    private final String second;
    private final String firstAddress;
    private final String secondAddress;
    private final List<String> created = new ArrayList<>();

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private NetworkNamespaces(String ip, int mtu) {
        this.ip = ip;
        String tag = "tk" + ProcessHandle.current().pid() + "n" + COUNTER.incrementAndGet();
        this.first = tag + "a";
        this.second = tag + "b";
        int net = ThreadLocalRandom.current().nextInt(1 << 14) * 4;
        String prefix = "10." + (200 + net / 65536 % 50) + "." + (net / 256 % 256) + ".";
        this.firstAddress = prefix + (net % 256 + 1);
        this.secondAddress = prefix + (net % 256 + 2);
        String vethA = tag + "x";
        String vethB = tag + "y";
        try {
            mustRun(List.of(ip, "netns", "add", first));
            created.add(first);
            mustRun(List.of(ip, "netns", "add", second));
            created.add(second);
            mustRun(List.of(ip, "link", "add", vethA, "netns", first, "type", "veth", "peer", "name", vethB,
                    "netns", second));
            configure(first, vethA, firstAddress, mtu);
            configure(second, vethB, secondAddress, mtu);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Creates the two namespaces and the link between them, or skips the calling test (fails it in CI) where
     * namespaces cannot be created.
     *
     * @param mtu the MTU of both ends of the link
     */
    public static NetworkNamespaces create(int mtu) {
        String ip = Peers.require("ip", "iproute2");
        String probe = "tkprobe" + ProcessHandle.current().pid() + "n" + COUNTER.incrementAndGet();
        Result r = run(List.of(ip, "netns", "add", probe), 30);
        if (r.exitCode() != 0) {
            String message = "cannot create network namespaces here (" + r.stderr().trim() + ")";
            if (Peers.inCi()) {
                throw new AssertionError("CI=true and " + message);
            }
            Assumptions.abort(message + "; skipping");
        }
        run(List.of(ip, "netns", "del", probe), 30);
        return new NetworkNamespaces(ip, mtu);
    }

    private void configure(String namespace, String device, String address, int mtu) {
        mustRun(List.of(ip, "-n", namespace, "link", "set", "lo", "up"));
        mustRun(List.of(ip, "-n", namespace, "link", "set", device, "mtu", Integer.toString(mtu), "up"));
        mustRun(List.of(ip, "-n", namespace, "addr", "add", address + "/30", "dev", device));
    }

    /** The first end's address (in the first namespace). */
    public String firstAddress() {
        return firstAddress;
    }

    /** The second end's address (in the second namespace). */
    public String secondAddress() {
        return secondAddress;
    }

    /** Runs {@code command} inside the first namespace, waiting up to {@code timeoutSeconds}. */
    public Result execInFirst(List<String> command, long timeoutSeconds) {
        return exec(first, command, timeoutSeconds);
    }

    /** Runs {@code command} inside the second namespace, waiting up to {@code timeoutSeconds}. */
    public Result execInSecond(List<String> command, long timeoutSeconds) {
        return exec(second, command, timeoutSeconds);
    }

    private Result exec(String namespace, List<String> command, long timeoutSeconds) {
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace));
        full.addAll(command);
        return run(full, timeoutSeconds);
    }

    /** Deletes both namespaces; the veth pair goes with them. */
    @Override
    public void close() {
        for (String namespace : created) {
            run(List.of(ip, "netns", "del", namespace), 30);
        }
        created.clear();
    }

    private static void mustRun(List<String> command) {
        Result r = run(command, 30);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exitCode() + "): "
                    + r.stderr().trim());
        }
    }

    private static Result run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), err), "netns-stderr");
            errReader.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(process.getInputStream(), out);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                        + timeoutSeconds + " s");
            }
            errReader.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
            return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

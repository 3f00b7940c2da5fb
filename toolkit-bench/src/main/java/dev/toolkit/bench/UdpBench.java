package dev.toolkit.bench;

import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The UDP load harness: request/response round trips per second, toolkit against plain Netty, with 1 and 32
 * requests in flight, and the server's CPU time per request (the CPU time of its event loop thread, from
 * {@link ThreadMXBean}). Each round runs every variant once for the same time, alternating which goes first;
 * after the warm-up rounds, the medians (and ranges) over the measured rounds are written as Markdown and JSON.
 *
 * <pre>
 * mvn -B -q -pl toolkit-bench -am package -DskipTests
 * java -cp toolkit-bench/target/benchmarks.jar dev.toolkit.bench.UdpBench [--seconds 2] [--rounds 5]
 *     [--warmup 2] [--payload 64] [--windows 1,32] [--out bench-results/udp]
 * </pre>
 *
 * {@code --receive-size} sets the toolkit's receive size (default 65,535 bytes, which no datagram exceeds; Netty's
 * own default is 2,048); {@code --only toolkit} (or {@code netty}) runs one side alone and writes no results,
 * for profiling.
 *
 * Both sides run in this JVM, each with one event loop thread, so a 2-core machine runs client and server on
 * their own cores. Numbers are for comparison on one machine, never for assertions.
 */
public final class UdpBench {

    private static final int[] DEFAULT_WINDOWS = {1, 32};

    private UdpBench() {
    }

    /** One measured run. */
    record Run(String driver, int window, double perSecond, double serverCpuMicrosPerRequest, long failures) {
    }

    /** Runs the harness; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Duration runTime = Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault("seconds", "2")) * 1000));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "2"));
        byte[] payload = new byte[Integer.parseInt(options.getOrDefault("payload", "64"))];
        Arrays.fill(payload, (byte) 'x');
        Path out = Path.of(options.getOrDefault("out", "bench-results/udp"));
        int[] windows = options.containsKey("windows")
                ? Arrays.stream(options.get("windows").split(",")).mapToInt(Integer::parseInt).toArray()
                : DEFAULT_WINDOWS;

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.setThreadCpuTimeEnabled(true);
        int receiveSize = Integer.parseInt(options.getOrDefault("receive-size", "65535"));
        Supplier<Driver> toolkit = () -> new ToolkitDriver(receiveSize);
        List<Supplier<Driver>> variants = List.of(toolkit, NettyDriver::new);
        String only = options.get("only");
        if (only != null) {
            variants = List.of("toolkit".equals(only) ? toolkit : NettyDriver::new, () -> null);
        }
        List<Run> measured = new ArrayList<>();
        for (int round = 0; round < warmup + rounds; round++) {
            boolean warm = round >= warmup;
            for (int window : windows) {
                // alternate which variant goes first, so neither always runs on a warmer (or hotter) machine
                List<Supplier<Driver>> order = round % 2 == 0 ? variants : List.of(variants.get(1), variants.get(0));
                for (Supplier<Driver> variant : order) {
                    Run run = runOnce(variant, window, payload, runTime, threads);
                    if (run == null) {
                        continue;
                    }
                    System.out.printf(Locale.ROOT, "%s round %d: %-7s window %2d: %,10.0f req/s, server %6.2f us/req"
                                    + ", %d failed%n", warm ? "measure" : "warm-up", round + 1, run.driver(), window,
                            run.perSecond(), run.serverCpuMicrosPerRequest(), run.failures());
                    if (warm) {
                        measured.add(run);
                    }
                }
            }
        }
        if (only == null) {
            write(out, measured, windows, rounds, runTime, payload.length, receiveSize);
        }
    }

    private static Run runOnce(Supplier<Driver> variant, int window, byte[] payload, Duration runTime,
                               ThreadMXBean threads) throws InterruptedException {
        Driver made = variant.get();
        if (made == null) {
            return null;
        }
        try (Driver driver = made) {
            Window.forCount(driver, window, payload, 2000); // connects, loads classes, fills caches
            long cpuBefore = serverCpu(driver, threads);
            Window.Outcome outcome = Window.forDuration(driver, window, payload, runTime);
            long cpu = serverCpu(driver, threads) - cpuBefore;
            long requests = Math.max(1, outcome.replies() + outcome.failures());
            return new Run(driver.name(), window, outcome.perSecond(), cpu / 1000.0 / requests, outcome.failures());
        }
    }

    /** CPU nanoseconds used so far by the driver's server threads. */
    private static long serverCpu(Driver driver, ThreadMXBean threads) {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(driver.serverThreadPrefix())) {
                total += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return total;
    }

    private static void write(Path out, List<Run> runs, int[] windows, int rounds, Duration runTime, int payload,
                              int receiveSize) throws IOException {
        StringBuilder md = new StringBuilder();
        StringBuilder json = new StringBuilder("{\n");
        String when = Instant.now().toString();
        String transport = Transports.resolve(Transport.AUTO).name();
        md.append("# UDP request/response: toolkit vs plain Netty\n\n")
                .append("Measured ").append(when).append(" with `dev.toolkit.bench.UdpBench`: ").append(rounds)
                .append(" measured rounds of ").append(runTime.toMillis()).append(" ms per variant (after warm-up), ")
                .append(payload).append("-byte payloads, toolkit receive size ").append(receiveSize)
                .append(", transport ").append(transport).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                .append(System.getProperty("java.version")).append(". Medians, with the range in brackets. ")
                .append("Requests per second count round trips (two datagrams each). Server CPU is the CPU time of ")
                .append("the server's event loop thread per request.\n\n")
                .append("| window | toolkit req/s | netty req/s | toolkit/netty | toolkit server CPU µs/req | ")
                .append("netty server CPU µs/req | CPU ratio |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        json.append("  \"measured\": \"").append(when).append("\",\n  \"transport\": \"").append(transport)
                .append("\",\n  \"payloadBytes\": ").append(payload).append(",\n  \"rounds\": ").append(rounds)
                .append(",\n  \"runMillis\": ").append(runTime.toMillis()).append(",\n  \"results\": [\n");
        for (int i = 0; i < windows.length; i++) {
            int window = windows[i];
            double[] tkRate = values(runs, "toolkit", window, Run::perSecond);
            double[] nRate = values(runs, "netty", window, Run::perSecond);
            double[] tkCpu = values(runs, "toolkit", window, Run::serverCpuMicrosPerRequest);
            double[] nCpu = values(runs, "netty", window, Run::serverCpuMicrosPerRequest);
            md.append(String.format(Locale.ROOT, "| %d | %,.0f [%,.0f–%,.0f] | %,.0f [%,.0f–%,.0f] | %.2f | "
                            + "%.2f [%.2f–%.2f] | %.2f [%.2f–%.2f] | %.2f |%n", window,
                    median(tkRate), min(tkRate), max(tkRate), median(nRate), min(nRate), max(nRate),
                    median(tkRate) / median(nRate), median(tkCpu), min(tkCpu), max(tkCpu), median(nCpu), min(nCpu),
                    max(nCpu), median(tkCpu) / median(nCpu)));
            json.append(String.format(Locale.ROOT, "    {\"window\": %d, \"toolkitPerSecond\": %.1f, "
                            + "\"nettyPerSecond\": %.1f, \"throughputRatio\": %.3f, \"toolkitServerCpuMicros\": %.3f, "
                            + "\"nettyServerCpuMicros\": %.3f, \"cpuRatio\": %.3f, \"toolkitRuns\": %s, "
                            + "\"nettyRuns\": %s}%s%n", window, median(tkRate), median(nRate),
                    median(tkRate) / median(nRate), median(tkCpu), median(nCpu), median(tkCpu) / median(nCpu),
                    Arrays.toString(tkRate), Arrays.toString(nRate), i + 1 < windows.length ? "," : ""));
        }
        json.append("  ]\n}\n");
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path mdFile = Path.of(out + ".md");
        Path jsonFile = Path.of(out + ".json");
        Files.writeString(mdFile, md, StandardCharsets.UTF_8);
        Files.writeString(jsonFile, json, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(md);
        System.out.println("\nWritten to " + mdFile + " and " + jsonFile);
    }

    private static double[] values(List<Run> runs, String driver, int window,
                                   java.util.function.ToDoubleFunction<Run> value) {
        return runs.stream().filter(r -> r.driver().equals(driver) && r.window() == window).mapToDouble(value)
                .toArray();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: UdpBench [--seconds S] [--rounds N] [--warmup N] "
                        + "[--payload BYTES] [--windows 1,32] [--receive-size BYTES] [--only toolkit|netty] "
                        + "[--out PATH-WITHOUT-EXTENSION]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}

package dev.toolkit.examples.ch07;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import dev.toolkit.examples.support.ListingCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
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

/**
 * Chapter 7's benchmark: the book ran FunkLoad against each server with 1, 2, 3, 5, 7, 10, 13, 16 and 20
 * concurrent users for 8 seconds each. This load client does the same against the Zen protocol served under
 * every {@link Architecture}, and against a plain Netty server giving the same answers (the baseline that shows
 * the toolkit's own cost). Each client runs sessions back to back (connect, ask the three questions one at a
 * time, close); a request is one question and its answer.
 *
 * <p>Prints a table (requests per second, median and 99th percentile latency, the server's CPU time per
 * request, failed sessions) and writes it, as CSV and text, with an SVG chart of requests per second against
 * concurrency (one line per server) into the output directory. The servers run in this process (the
 * multi-process one in worker processes), on the chosen interface, so client and servers share the machine's
 * cores: compare the servers with each other, not with numbers from elsewhere.
 */
@Command(name = "benchmark", description = "Measure every chapter 7 server architecture under load")
public final class Benchmark extends ListingCommand {

    /** The name of the plain Netty baseline server in the table and chart. */
    public static final String BASELINE = "netty_baseline";

    /** The servers measured by default, in order. */
    public static final List<String> SERVERS = List.of("single_client", "thread_pool", "selector", "event_loop",
            "multi_process", BASELINE);

    @Parameters(arity = "0..1", defaultValue = "127.0.0.1", paramLabel = "host",
            description = "interface the servers listen on (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--duration", paramLabel = "seconds",
            description = "seconds per point (default: 8, as in the book; 1 with --smoke)")
    private Double duration;

    @Option(names = "--cycles", paramLabel = "n,n,...", split = ",", defaultValue = "1,2,3,5,7,10,13,16,20",
            description = "concurrent clients of each point (default: ${DEFAULT-VALUE})")
    private List<Integer> cycles;

    @Option(names = "--servers", paramLabel = "name,...", split = ",",
            defaultValue = "single_client,thread_pool,selector,event_loop,multi_process,netty_baseline",
            description = "servers to measure (default: ${DEFAULT-VALUE})")
    private List<String> servers;

    @Option(names = "--warmup", paramLabel = "seconds",
            description = "seconds of load before each server's first point, not measured (default: 2; 0 with "
                    + "--smoke)")
    private Double warmupSeconds;

    @Option(names = "--smoke", description = "a quick run that checks the output: one second a point (unless "
            + "--duration says otherwise) and no warm-up")
    private boolean smoke;

    @Option(names = {"-o", "--out"}, paramLabel = "dir", defaultValue = "bench-results",
            description = "directory for benchmark.csv, benchmark.txt and benchmark.svg (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        double seconds = duration != null ? duration : smoke ? 1 : 8;
        double warmup = warmupSeconds != null ? warmupSeconds : smoke ? 0 : 2;
        if (seconds <= 0 || warmup < 0 || cycles.stream().anyMatch(c -> c < 1)) {
            err().println("benchmark: --duration must be positive, --warmup not negative, and every cycle >= 1");
            return 2;
        }
        for (String s : servers) {
            if (!SERVERS.contains(s)) {
                err().println("benchmark: unknown server " + s + " (known: " + String.join(",", SERVERS) + ")");
                return 2;
            }
        }
        Duration point = Duration.ofNanos((long) (seconds * 1e9));
        Duration warm = Duration.ofNanos((long) (warmup * 1e9));
        Transport transport = Transports.resolve(Transport.AUTO);
        out().printf(Locale.ROOT, "Zen benchmark: %d point(s) of %s s per server on %s (%s transport, %d cores)%n",
                cycles.size(), trim(seconds), host, transport, Runtime.getRuntime().availableProcessors());
        List<String> table = new ArrayList<>();
        table.add(header());
        out().println(table.get(0));
        List<LoadPoint> points = new ArrayList<>();
        for (String server : servers) {
            try (Target target = Target.start(server, host)) {
                if (!warm.isZero()) {
                    LoadGenerator.run(server, target.address(), 2, warm);
                }
                for (int clients : cycles) {
                    LoadPoint p = LoadGenerator.run(server, target.address(), clients, point);
                    points.add(p);
                    table.add(row(p));
                    out().println(table.get(table.size() - 1));
                }
            }
        }
        String summary = overhead(points);
        if (summary != null) {
            table.add(summary);
            out().println(summary);
        }
        Files.createDirectories(outDir);
        Path csv = outDir.resolve("benchmark.csv");
        Path txt = outDir.resolve("benchmark.txt");
        Path svg = outDir.resolve("benchmark.svg");
        Files.writeString(csv, csv(points), StandardCharsets.UTF_8);
        Files.writeString(txt, String.join("\n", table) + "\n", StandardCharsets.UTF_8);
        Files.writeString(svg, BenchmarkChart.svg(points, "Zen protocol: requests per second ("
                + trim(seconds) + " s a point, " + transport + ")"), StandardCharsets.UTF_8);
        out().println("Wrote " + csv + ", " + txt + " and " + svg);
        return 0;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-15s %7s %12s %9s %9s %11s %6s", "server", "clients", "requests/s",
                "p50 ms", "p99 ms", "cpu us/req", "errors");
    }

    static String row(LoadPoint p) {
        String cpu = p.cpuMicrosPerRequest() < 0 ? "n/a"
                : String.format(Locale.ROOT, "%.1f", p.cpuMicrosPerRequest());
        return String.format(Locale.ROOT, "%-15s %7d %12.1f %9.3f %9.3f %11s %6d", p.server(), p.clients(),
                p.requestsPerSecond(), p.p50Millis(), p.p99Millis(), cpu, p.errors());
    }

    static String csv(List<LoadPoint> points) {
        StringBuilder s = new StringBuilder(
                "server,clients,requests,requests_per_second,p50_ms,p99_ms,cpu_us_per_request,errors\n");
        for (LoadPoint p : points) {
            s.append(String.format(Locale.ROOT, "%s,%d,%d,%.1f,%.3f,%.3f,%.1f,%d%n", p.server(), p.clients(),
                    p.requests(), p.requestsPerSecond(), p.p50Millis(), p.p99Millis(), p.cpuMicrosPerRequest(),
                    p.errors()));
        }
        return s.toString();
    }

    /**
     * The toolkit event loop's requests per second as a share of the baseline's, per concurrency: the mean, and
     * the lowest and highest; {@code null} unless both were measured.
     */
    static String overhead(List<LoadPoint> points) {
        Map<Integer, Double> baseline = new LinkedHashMap<>();
        points.stream().filter(p -> p.server().equals(BASELINE))
                .forEach(p -> baseline.put(p.clients(), p.requestsPerSecond()));
        List<Double> ratios = new ArrayList<>();
        for (LoadPoint p : points) {
            Double base = baseline.get(p.clients());
            if (p.server().equals("event_loop") && base != null && base > 0) {
                ratios.add(p.requestsPerSecond() / base);
            }
        }
        if (ratios.isEmpty()) {
            return null;
        }
        double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(Locale.ROOT, "toolkit overhead: event_loop served %.1f%% of %s's requests/s on "
                + "average (%.1f%% to %.1f%% over %d point(s))", 100 * mean, BASELINE, 100 * min, 100 * max,
                ratios.size());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** A server under test: a toolkit server of one architecture, or the plain Netty baseline. */
    private static final class Target implements AutoCloseable {
        private final RunningServer<ConnectionMetrics> toolkit;
        private final NettyBaselineServer baseline;

        private Target(RunningServer<ConnectionMetrics> toolkit, NettyBaselineServer baseline) {
            this.toolkit = toolkit;
            this.baseline = baseline;
        }

        static Target start(String name, String host) {
            if (name.equals(BASELINE)) {
                return new Target(null, NettyBaselineServer.start(host));
            }
            Architecture architecture = Architecture.valueOf(name.toUpperCase(Locale.ROOT));
            ServerConfig config = ServerConfig.builder().host(host).port(0).architecture(architecture)
                    .backlog(64).processes(2).name("bench-" + name).build();
            return new Target(Servers.start(config, new QuietZenProtocol()), null);
        }

        InetSocketAddress address() {
            return toolkit != null ? toolkit.localAddress() : baseline.localAddress();
        }

        @Override
        public void close() {
            if (toolkit != null) {
                toolkit.close();
            } else {
                baseline.close();
            }
        }
    }
}

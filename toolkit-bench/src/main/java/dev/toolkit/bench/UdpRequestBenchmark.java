package dev.toolkit.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The same load as {@link UdpBench} under JMH: round trips per second (each operation is one request and its
 * reply) for the toolkit and the plain Netty baseline, with 1 and 32 requests in flight.
 *
 * <pre>
 * java -jar toolkit-bench/target/benchmarks.jar UdpRequestBenchmark -rf json -rff bench-results/udp-jmh.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UdpRequestBenchmark {

    private static final int BATCH = 2000;

    /** Which client and server. */
    @Param({"toolkit", "netty"})
    public String impl;

    /** Requests in flight. */
    @Param({"1", "32"})
    public int window;

    private Driver driver;
    private final byte[] payload = new byte[64];

    /** Starts the server and client. */
    @Setup(Level.Trial)
    public void start() {
        Arrays.fill(payload, (byte) 'x');
        driver = "toolkit".equals(impl) ? new ToolkitDriver() : new NettyDriver();
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void stop() {
        driver.close();
    }

    /** {@value #BATCH} round trips with {@code window} in flight. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long roundTrips() throws InterruptedException {
        return Window.forCount(driver, window, payload, BATCH).replies();
    }
}

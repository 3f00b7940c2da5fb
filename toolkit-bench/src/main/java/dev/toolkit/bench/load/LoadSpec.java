package dev.toolkit.bench.load;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the load generator does in one round: how many connections it keeps open, how many requests each sends
 * in one write before waiting for their answers, how many answers a connection gets before it is closed and
 * replaced (0: kept for the whole round), how long it measures after a warm-up, the request/answer pairs it
 * cycles through (every answer byte is checked), and how many loopback source addresses the connections come
 * from (127.0.0.1 to 127.0.0.N, in turn), so that a per-address connection limit sees several clients.
 *
 * @param connections connections open at once, at least 1
 * @param depth requests written at once per connection (1 to 1024)
 * @param perConnection answers per connection before it is closed and a new one opened; 0 for none
 * @param measured how long the round is measured
 * @param warmup load before the measurement starts, not counted
 * @param exchanges each request with its exact answer, in the order they are cycled through
 * @param sources source addresses (1 to 254; more than 1 only against an IPv4 loopback server)
 */
public record LoadSpec(int connections, int depth, int perConnection, Duration measured, Duration warmup,
                       Map<String, String> exchanges, int sources) implements Load {

    /** Checks the values and copies the exchanges. */
    public LoadSpec {
        if (connections < 1 || depth < 1 || depth > 1024 || perConnection < 0) {
            throw new IllegalArgumentException("connections must be >= 1, depth 1 to 1024, perConnection >= 0;"
                    + " got " + connections + ", " + depth + ", " + perConnection);
        }
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(warmup, "warmup");
        if (measured.isNegative() || measured.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("measured must be positive and warmup not negative; got "
                    + measured + ", " + warmup);
        }
        if (exchanges.isEmpty() || exchanges.size() > 16) {
            throw new IllegalArgumentException("1 to 16 request/answer pairs are needed; got " + exchanges.size());
        }
        exchanges.forEach((request, answer) -> {
            if (request.isEmpty() || answer.isEmpty() || request.indexOf('=') >= 0) {
                throw new IllegalArgumentException("a request must be non-empty without '=' and its answer"
                        + " non-empty: " + request + " -> " + answer);
            }
        });
        exchanges = new LinkedHashMap<>(exchanges);
        if (sources < 1 || sources > 254) {
            throw new IllegalArgumentException("sources must be 1 to 254, got " + sources);
        }
    }

    /** The same load measured for {@code measured} after {@code warmup}. */
    public LoadSpec timed(Duration measured, Duration warmup) {
        return new LoadSpec(connections, depth, perConnection, measured, warmup, exchanges, sources);
    }

    @Override
    public String generator() {
        return "toolkit-bench's C generator";
    }

    /** Builds the C load generator if needed; each round runs this load for the round's time, without warm-up. */
    @Override
    public Runner runner(Path module, int cpu) {
        LoadGenerator generator = LoadGenerator.build(module, cpu);
        return new Runner() {
            @Override
            public LoadResult run(InetSocketAddress server, Duration time, Runnable onStart, Runnable onEnd) {
                return generator.run(server, timed(time, Duration.ZERO), onStart, onEnd);
            }

            @Override
            public Duration shortestRound() {
                return Duration.ofMillis(500);
            }
        };
    }

    /** One line saying what the load is, for reports. */
    @Override
    public String describe() {
        return connections + " connections, " + depth + (depth == 1 ? " request" : " requests") + " in flight each"
                + (perConnection == 0 ? ", kept open" : ", closed after " + perConnection + " answers")
                + (sources == 1 ? "" : ", from " + sources + " source addresses");
    }
}

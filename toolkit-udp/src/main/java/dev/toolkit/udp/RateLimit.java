package dev.toolkit.udp;

/**
 * A per-source rate limit for a datagram server: each source IP address may send {@code perSecond}
 * datagrams a second on average, and up to {@code burst} at once (a token bucket). Datagrams beyond it are
 * dropped unread and counted in {@link DatagramMetrics#rateLimited()}, so one flooding host cannot starve the
 * others.
 *
 * @param perSecond datagrams a second each source may send on average; positive
 * @param burst datagrams a source may send at once after a quiet spell; at least 1
 * @param maxSources how many sources are tracked at once; the least recently seen is forgotten beyond that
 */
public record RateLimit(double perSecond, int burst, int maxSources) {

    /** How many sources {@link #of(double, int)} tracks. */
    public static final int DEFAULT_MAX_SOURCES = 65536;

    /** Checks the arguments. */
    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be positive and finite: " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        if (maxSources < 1) {
            throw new IllegalArgumentException("maxSources must be at least 1: " + maxSources);
        }
    }

    /** A limit of {@code perSecond} datagrams a second with bursts of {@code burst}, tracking 65,536 sources. */
    public static RateLimit of(double perSecond, int burst) {
        return new RateLimit(perSecond, burst, DEFAULT_MAX_SOURCES);
    }
}

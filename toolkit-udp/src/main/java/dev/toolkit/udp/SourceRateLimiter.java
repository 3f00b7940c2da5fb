package dev.toolkit.udp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Drops datagrams from a source IP address that exceeds its {@link RateLimit}: one token bucket per address,
 * the least recently seen forgotten beyond {@link RateLimit#maxSources()}. Keyed by address rather than
 * port, since a flooding host can use any number of ports. Runs on the one event loop of its channel, so it
 * needs no locking.
 */
final class SourceRateLimiter extends ChannelInboundHandlerAdapter {

    private final RateLimit limit;
    private final DatagramMetrics metrics;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Bucket> buckets;

    SourceRateLimiter(RateLimit limit, DatagramMetrics metrics) {
        this(limit, metrics, System::nanoTime);
    }

    SourceRateLimiter(RateLimit limit, DatagramMetrics metrics, LongSupplier nanoTime) {
        this.limit = limit;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        int max = limit.maxSources();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket) {
            DatagramPacket packet = (DatagramPacket) msg;
            if (!allow(packet.sender().getAddress())) {
                packet.release();
                metrics.countRateLimited();
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Takes a token from {@code source}'s bucket; false if it has none left. */
    boolean allow(InetAddress source) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket(limit.burst(), now);
            buckets.put(source, bucket);
        }
        return bucket.take(now, limit);
    }

    /** How many sources are tracked now. */
    int trackedSources() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        boolean take(long now, RateLimit limit) {
            double elapsed = (now - refilledAt) / 1e9;
            tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond());
            refilledAt = now;
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return true;
            }
            return false;
        }
    }
}

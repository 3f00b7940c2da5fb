package dev.toolkit.core.dns;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.dns.record.DomainNames;
import dev.toolkit.core.transport.Transport;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of a {@link DnsClient}: which servers to ask, the search list, time-outs, the cache and
 * the TCP fallback.
 *
 * <p>The servers are always explicit: {@link Builder#build()} refuses a configuration without servers, so no
 * query ever goes to a server nobody chose. The system's settings are one call away:
 * {@link #system()} reads {@code /etc/resolv.conf} (see {@link ResolvConf}).
 *
 * <pre>{@code
 * DnsClientConfig config = DnsClientConfig.builder()
 *         .servers(List.of(new InetSocketAddress("127.0.0.1", 5353)))
 *         .timeout(Duration.ofSeconds(2))
 *         .build();
 * }</pre>
 */
public final class DnsClientConfig {

    /** Default time to wait for one server's answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Default number of rounds over the server list. */
    public static final int DEFAULT_ATTEMPTS = 2;
    /**
     * Default EDNS0 UDP payload size advertised to servers: 1232 bytes, the size recommended since the 2020 DNS
     * flag day, which avoids IP fragmentation; larger answers come back truncated and are fetched over TCP.
     */
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 1232;
    /** Default limit on cached answers. */
    public static final int DEFAULT_MAX_CACHE_ENTRIES = 10_000;

    private final List<InetSocketAddress> servers;
    private final List<String> searchDomains;
    private final int ndots;
    private final Duration timeout;
    private final int attempts;
    private final boolean rotate;
    private final boolean cache;
    private final int maxCacheEntries;
    private final Clock clock;
    private final boolean tcpFallback;
    private final int maxPayloadSize;
    private final boolean recursionDesired;
    private final Transport transport;

    private DnsClientConfig(Builder b) {
        this.servers = List.copyOf(b.servers);
        this.searchDomains = List.copyOf(b.searchDomains);
        this.ndots = b.ndots;
        this.timeout = b.timeout;
        this.attempts = b.attempts;
        this.rotate = b.rotate;
        this.cache = b.cache;
        this.maxCacheEntries = b.maxCacheEntries;
        this.clock = b.clock;
        this.tcpFallback = b.tcpFallback;
        this.maxPayloadSize = b.maxPayloadSize;
        this.recursionDesired = b.recursionDesired;
        this.transport = b.transport;
    }

    /** A builder with the defaults and no servers (set them before {@link Builder#build()}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The system's settings, from {@code /etc/resolv.conf}: its servers (127.0.0.1 if it names none), search
     * list, ndots, time-out, attempts and rotation; everything else at the defaults.
     */
    public static DnsClientConfig system() {
        return ResolvConf.system().toConfig().build();
    }

    /**
     * A server address written {@code HOST[:PORT]}: an IPv4 literal ({@code 127.0.0.1:5353}), an IPv6 literal
     * alone ({@code ::1}) or in brackets with a port ({@code [::1]:5353}); the port defaults to 53. No name is
     * looked up.
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static InetSocketAddress parseServer(String text) {
        String t = Objects.requireNonNull(text, "server").trim();
        String host = t;
        int port = ResolvConf.DNS_PORT;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in DNS server '" + text + "'");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':PORT' after ']' in DNS server '" + text + "'");
                }
                port = parsePort(rest.substring(1), text);
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = parsePort(t.substring(t.indexOf(':') + 1), text);
        }
        java.net.InetAddress address = dev.toolkit.core.inet.InetLiterals.parseWithScope(host);
        if (address == null) {
            throw new IllegalArgumentException("DNS server must be an IP address, optionally with :PORT ("
                    + "[IPv6]:PORT): '" + text + "'");
        }
        return new InetSocketAddress(address, port);
    }

    private static int parsePort(String p, String text) {
        try {
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in DNS server '" + text + "'", e);
        }
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.servers = new ArrayList<>(servers);
        b.searchDomains = new ArrayList<>(searchDomains);
        b.ndots = ndots;
        b.timeout = timeout;
        b.attempts = attempts;
        b.rotate = rotate;
        b.cache = cache;
        b.maxCacheEntries = maxCacheEntries;
        b.clock = clock;
        b.tcpFallback = tcpFallback;
        b.maxPayloadSize = maxPayloadSize;
        b.recursionDesired = recursionDesired;
        b.transport = transport;
        return b;
    }

    /** The servers asked, in order. */
    public List<InetSocketAddress> servers() {
        return servers;
    }

    /** The search list (without final dots). */
    public List<String> searchDomains() {
        return searchDomains;
    }

    /** Names with at least this many dots are tried as given before the search list. */
    public int ndots() {
        return ndots;
    }

    /** Time to wait for one server's answer to one query. */
    public Duration timeout() {
        return timeout;
    }

    /** Rounds over the server list before giving up. */
    public int attempts() {
        return attempts;
    }

    /** Whether each query starts at the next server in turn (resolv.conf's {@code rotate}). */
    public boolean rotate() {
        return rotate;
    }

    /** Whether answers are cached for their time to live. */
    public boolean cache() {
        return cache;
    }

    /** Most answers kept in the cache. */
    public int maxCacheEntries() {
        return maxCacheEntries;
    }

    /** The clock that times cache entries. */
    public Clock clock() {
        return clock;
    }

    /** Whether a truncated UDP answer is asked again over TCP. */
    public boolean tcpFallback() {
        return tcpFallback;
    }

    /** The EDNS0 UDP payload size advertised. */
    public int maxPayloadSize() {
        return maxPayloadSize;
    }

    /** Whether queries ask the server to recurse (RD bit). */
    public boolean recursionDesired() {
        return recursionDesired;
    }

    /** The Netty transport of the client's sockets. */
    public Transport transport() {
        return transport;
    }

    @Override
    public String toString() {
        return "DnsClientConfig[servers=" + servers + ", search=" + searchDomains + ", ndots=" + ndots + ", timeout="
                + timeout + ", attempts=" + attempts + ", cache=" + cache + ", tcpFallback=" + tcpFallback + "]";
    }

    /** Builds a {@link DnsClientConfig}. */
    public static final class Builder {
        private List<InetSocketAddress> servers = new ArrayList<>();
        private List<String> searchDomains = new ArrayList<>();
        private int ndots = 1;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int attempts = DEFAULT_ATTEMPTS;
        private boolean rotate;
        private boolean cache = true;
        private int maxCacheEntries = DEFAULT_MAX_CACHE_ENTRIES;
        private Clock clock = Clock.systemUTC();
        private boolean tcpFallback = true;
        private int maxPayloadSize = DEFAULT_MAX_PAYLOAD_SIZE;
        private boolean recursionDesired = true;
        private Transport transport = Transport.AUTO;

        private Builder() {
        }

        /** The servers to ask, in order (required, at least one); each must be a resolved address. */
        public Builder servers(List<InetSocketAddress> servers) {
            List<InetSocketAddress> copy = new ArrayList<>();
            for (InetSocketAddress s : Objects.requireNonNull(servers, "servers")) {
                copy.add(Objects.requireNonNull(s, "server"));
            }
            this.servers = copy;
            return this;
        }

        /** One server; see {@link #servers(List)}. */
        public Builder server(InetSocketAddress server) {
            return servers(List.of(server));
        }

        /** The search list (default empty); each domain is checked like a name. */
        public Builder searchDomains(List<String> domains) {
            this.searchDomains = new ArrayList<>(Objects.requireNonNull(domains, "searchDomains"));
            return this;
        }

        /** The ndots threshold (default 1, 0 to 15). */
        public Builder ndots(int ndots) {
            this.ndots = ndots;
            return this;
        }

        /** Time to wait for one server's answer (default 5 s). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            this.timeout = timeout;
            return this;
        }

        /** Rounds over the server list (default 2, at least 1). */
        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        /** Start each query at the next server in turn (default off). */
        public Builder rotate(boolean rotate) {
            this.rotate = rotate;
            return this;
        }

        /** Cache answers for their time to live (default on). */
        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        /** Most answers kept in the cache (default 10000). */
        public Builder maxCacheEntries(int max) {
            this.maxCacheEntries = max;
            return this;
        }

        /** The clock that times cache entries (default the system clock); tests pass one they advance. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Ask truncated UDP answers again over TCP (default on). */
        public Builder tcpFallback(boolean on) {
            this.tcpFallback = on;
            return this;
        }

        /** EDNS0 UDP payload size advertised (default 1232, at least 512). */
        public Builder maxPayloadSize(int size) {
            this.maxPayloadSize = size;
            return this;
        }

        /** Set the RD bit (default on; turn off to ask authoritative servers only for their own data). */
        public Builder recursionDesired(boolean on) {
            this.recursionDesired = on;
            return this;
        }

        /** The Netty transport (default automatic). */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Builds the configuration, checking the whole of it.
         *
         * @throws IllegalArgumentException naming every setting whose value is wrong, no server set among them
         */
        public DnsClientConfig build() {
            Validation check = Validation.of("DnsClientConfig")
                    .rule(!servers.isEmpty(), "no DNS servers configured: call servers(...), or start from "
                            + "DnsClientConfig.system() or ResolvConf.read(file).toConfig()")
                    .rule(ndots >= 0 && ndots <= 15, "ndots must be 0..15: " + ndots)
                    .positive("timeout", timeout)
                    .atLeast("attempts", attempts, 1)
                    .atLeast("maxCacheEntries", maxCacheEntries, 1)
                    .rule(maxPayloadSize >= 512 && maxPayloadSize <= 65535,
                            "maxPayloadSize must be 512..65535: " + maxPayloadSize);
            for (InetSocketAddress s : servers) {
                check.rule(!s.isUnresolved(), "DNS server address must be an IP address, not a name: " + s);
            }
            List<String> domains = new ArrayList<>();
            for (String d : searchDomains) {
                try {
                    domains.add(DomainNames.check(d));
                } catch (IllegalArgumentException e) {
                    check.rule(false, "searchDomains: " + e.getMessage());
                }
            }
            check.done();
            searchDomains = domains;
            return new DnsClientConfig(this);
        }
    }
}

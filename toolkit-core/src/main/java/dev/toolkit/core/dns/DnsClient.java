package dev.toolkit.core.dns;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.dns.record.CnameRecord;
import dev.toolkit.core.dns.record.DomainNames;
import dev.toolkit.core.dns.record.PtrRecord;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.dns.record.ResourceRecord;
import dev.toolkit.core.error.Durations;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.error.NameResolutionException.Reason;
import dev.toolkit.core.transport.Transports;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverChannelStrategy;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS client on Netty's {@code resolver-dns}: typed records for A, AAAA, CNAME, MX, NS, TXT, SRV, PTR and
 * SOA, the search list and ndots of {@code resolv.conf}, a TTL cache, and truncated UDP answers asked again
 * over TCP.
 *
 * <p>Only the servers of the configuration are ever asked; each is tried in turn, {@code attempts} rounds,
 * each query waiting at most {@code timeout}. For a name that does not end with a dot the search list is
 * applied as the C library does ({@link SearchPath}): the lookup moves on to the next candidate name on "no such
 * domain", "no data" or a server failure, and stops at a time-out. A CNAME chain that the server does not
 * follow itself is followed by asking again for its target (at most 16 links).
 *
 * <p>Outcomes: records ({@link DnsAnswer}); "no data" (an empty {@link DnsAnswer}); or a
 * {@link NameResolutionException} whose reason is {@code NXDOMAIN}, {@code TIMEOUT} (a DNS time-out is reported
 * this way, not as an {@code OperationTimeoutException}, so that it carries the names and servers tried),
 * {@code SERVER_FAILURE}, {@code REFUSED}, {@code NETWORK}, {@code BAD_NAME} (an invalid name, refused before
 * anything is sent), {@code TRUNCATED} (a truncated UDP answer whose retry over TCP failed: a partial answer is
 * never used) or {@code MALFORMED} (an answer that does not parse, such as garbage or a compression loop: the
 * query fails as soon as it arrives instead of waiting for its time-out). Every failure lists the names tried and the servers asked.
 *
 * <p>The client owns one event-loop thread; futures complete on it, so callbacks attached to them must not
 * block. The blocking helpers must not be called from that thread. Close the client to release it.
 */
public final class DnsClient implements AutoCloseable {

    /** The most CNAME links followed for one name. */
    public static final int MAX_CNAME_CHAIN = 16;

    private final DnsClientConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final DnsNameResolver resolver;
    private final ResponseCache cache;
    private final AtomicInteger rotation = new AtomicInteger();
    /** The query whose channel is being made, set only around {@code resolver.query} on the loop. */
    private Promise<AddressedEnvelope<? extends DnsResponse, InetSocketAddress>> queryBeingSent;

    private DnsClient(DnsClientConfig config) {
        this.config = config;
        this.group = Transports.newGroup(config.transport(), 1, "toolkit-dns");
        this.loop = group.next();
        ChannelFactory<? extends DatagramChannel> datagrams =
                new ReflectiveChannelFactory<>(Transports.datagramChannel(config.transport()));
        DnsNameResolverBuilder builder = new DnsNameResolverBuilder(loop)
                // Each query's channel is made while the query is sent; it gets that query's answer check.
                .datagramChannelFactory(() -> {
                    DatagramChannel ch = datagrams.newChannel();
                    if (queryBeingSent != null) {
                        ch.pipeline().addFirst(new AnswerValidator(queryBeingSent));
                    }
                    return ch;
                })
                // Only explicit per-query servers are used, but the builder must not fall back to the platform's.
                .nameServerProvider(new SequentialDnsServerAddressStreamProvider(config.servers()))
                .queryTimeoutMillis(config.timeout().toMillis())
                .maxQueriesPerResolve(1)
                .recursionDesired(config.recursionDesired())
                .maxPayloadSize(config.maxPayloadSize())
                .optResourceEnabled(true)
                .resolveCache(NoopDnsCache.INSTANCE)
                .cnameCache(NoopDnsCnameCache.INSTANCE)
                .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
                .hostsFileEntriesResolver((name, types) -> null)
                .searchDomains(List.of())
                .ndots(1)
                .decodeIdn(false)
                .consolidateCacheSize(0)
                // A new socket (and source port) per query, against spoofed answers (RFC 5452).
                .datagramChannelStrategy(DnsNameResolverChannelStrategy.ChannelPerResolution);
        if (config.tcpFallback()) {
            // Netty retries a truncated UDP answer over TCP only when it has a socket channel type.
            builder.socketChannelType(Transports.socketChannel(config.transport()));
        }
        this.resolver = builder.build();
        this.cache = config.cache() ? new ResponseCache(config.clock(), config.maxCacheEntries()) : null;
    }

    /** A client with its own event-loop thread. */
    public static DnsClient create(DnsClientConfig config) {
        return new DnsClient(Objects.requireNonNull(config, "config"));
    }

    /** The client's settings. */
    public DnsClientConfig config() {
        return config;
    }

    /**
     * Looks up the records of {@code type} for {@code name}.
     *
     * @param name a domain name; with a final dot it is absolute and the search list is not applied
     * @return the answer (empty for "no data"), or a future failed with a {@link NameResolutionException}
     */
    public CompletableFuture<DnsAnswer> queryAsync(String name, RecordType type) {
        return queryAsync(name, List.of(Objects.requireNonNull(type, "type"))).get(0);
    }

    /**
     * Looks up several record types for one name at once (AAAA and A for a connection), the name checked and
     * its search list expanded once.
     *
     * @return one answer per type, in the order of {@code types}; each fails on its own
     */
    public List<CompletableFuture<DnsAnswer>> queryAsync(String name, List<RecordType> types) {
        List<RecordType> asked = List.copyOf(types);
        String checked;
        try {
            checked = DomainNames.check(name);
        } catch (IllegalArgumentException e) {
            NameResolutionException failure = new NameResolutionException(String.valueOf(name), List.of(),
                    List.of(), Reason.BAD_NAME, "invalid name: " + e.getMessage(), e);
            return asked.stream().map(t -> CompletableFuture.<DnsAnswer>failedFuture(failure)).toList();
        }
        List<String> candidates = new ArrayList<>();
        for (String c : SearchPath.expand(checked, name.endsWith("."), config.searchDomains(), config.ndots())) {
            if (c.length() <= DomainNames.MAX_NAME_LENGTH) {
                candidates.add(c);
            }
        }
        List<CompletableFuture<DnsAnswer>> results = new ArrayList<>(asked.size());
        for (RecordType type : asked) {
            Lookup lookup = new Lookup(name, type, candidates);
            try {
                loop.execute(lookup::next);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                results.add(CompletableFuture.failedFuture(new NameResolutionException(name, List.of(), List.of(),
                        Reason.OTHER, "the DNS client is closed", e)));
                continue;
            }
            results.add(lookup.result);
        }
        return results;
    }

    /**
     * {@link #queryAsync(String, RecordType)} and wait.
     *
     * @throws NameResolutionException if the lookup fails
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException if called on an event loop thread
     */
    public DnsAnswer query(String name, RecordType type) {
        return Blocking.call("DNS query " + type + " " + name, null, () -> queryAsync(name, type));
    }

    /**
     * The names of {@code address} from its PTR records ({@code in-addr.arpa} or {@code ip6.arpa}).
     *
     * @return the names (empty if the address has a reverse entry without PTR records), or a future failed
     *     with a {@link NameResolutionException} ({@code NXDOMAIN} when it has no reverse entry)
     */
    public CompletableFuture<List<String>> reverseAsync(InetAddress address) {
        return queryAsync(reverseName(address) + ".", RecordType.PTR).thenApply(a -> {
            List<String> names = new ArrayList<>();
            for (PtrRecord r : a.records(PtrRecord.class)) {
                names.add(r.target());
            }
            return names;
        });
    }

    /**
     * {@link #reverseAsync} and wait.
     *
     * @throws NameResolutionException if the lookup fails
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException if called on an event loop thread
     */
    public List<String> reverse(InetAddress address) {
        return Blocking.call("DNS reverse lookup of " + address.getHostAddress(), null, () -> reverseAsync(address));
    }

    /** The reverse-lookup name of {@code address}: {@code 4.3.2.1.in-addr.arpa} or the nibbles under {@code ip6.arpa}. */
    public static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) {
                sb.append(b[i] & 0xFF).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = 15; i >= 0; i--) {
            sb.append(Character.forDigit(b[i] & 0x0F, 16)).append('.')
                    .append(Character.forDigit((b[i] >> 4) & 0x0F, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }

    /** Empties the cache. */
    public void clearCache() {
        if (cache != null) {
            cache.clear();
        }
    }

    /** Releases the sockets and the event-loop thread; pending lookups fail. */
    @Override
    public void close() {
        try {
            loop.submit(resolver::close).syncUninterruptibly();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** A failure of one exchange: every server asked failed. */
    private static final class ExchangeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Reason reason;

        ExchangeFailure(Reason reason, String detail, Throwable cause) {
            super(detail, cause, false, false);
            this.reason = reason;
        }
    }

    /** One lookup: the candidate names of the search list, each followed along its CNAME chain. Runs on the loop. */
    private final class Lookup {
        final String question;
        final RecordType type;
        final List<String> candidates;
        final CompletableFuture<DnsAnswer> result = new CompletableFuture<>();
        final List<String> namesTried = new ArrayList<>();
        final Set<String> serversAsked = new LinkedHashSet<>();
        int index;
        DnsAnswer noData;
        ExchangeFailure serverFailure;
        ExchangeFailure lastFailure;

        Lookup(String question, RecordType type, List<String> candidates) {
            this.question = question;
            this.type = type;
            this.candidates = candidates;
        }

        void next() {
            if (result.isDone()) {
                return;
            }
            if (index >= candidates.size()) {
                finish();
                return;
            }
            String candidate = candidates.get(index++);
            follow(candidate, candidate, new ArrayList<>(), new HashSet<>());
        }

        void follow(String candidate, String current, List<CnameRecord> chain, Set<String> seen) {
            namesTried.add(current);
            seen.add(DomainNames.key(current));
            exchange(current, type, serversAsked).whenComplete((response, error) -> {
                if (error != null) {
                    ExchangeFailure f = error instanceof ExchangeFailure ? (ExchangeFailure) error
                            : new ExchangeFailure(Reason.OTHER, String.valueOf(error), error);
                    lastFailure = f;
                    if (f.reason == Reason.TIMEOUT || f.reason == Reason.NETWORK || f.reason == Reason.TRUNCATED
                            || f.reason == Reason.MALFORMED) {
                        // As the C library does, a server that does not answer ends the search; so does one
                        // whose answer cannot be trusted.
                        fail(f.reason, f.getMessage(), f.getCause());
                        return;
                    }
                    if (serverFailure == null) {
                        serverFailure = f;
                    }
                    next();
                    return;
                }
                if (response.rcode == Response.NXDOMAIN) {
                    lastFailure = new ExchangeFailure(Reason.NXDOMAIN, null, null);
                    next();
                    return;
                }
                String end = current;
                List<CnameRecord> links = new ArrayList<>(chain);
                if (type != RecordType.CNAME) {
                    CnameRecord link;
                    while ((link = cnameOf(response.answers, end)) != null) {
                        if (links.size() >= MAX_CNAME_CHAIN || !seen.add(DomainNames.key(link.target()))) {
                            fail(Reason.SERVER_FAILURE, "CNAME chain too long or looping at " + link.target(), null);
                            return;
                        }
                        links.add(link);
                        end = link.target();
                    }
                }
                List<ResourceRecord> records = new ArrayList<>();
                for (ResourceRecord r : response.answers) {
                    if (r.type() == type && DomainNames.key(r.name()).equals(DomainNames.key(end))) {
                        records.add(r);
                    }
                }
                if (records.isEmpty() && !end.equals(current) && isQueryable(end)) {
                    // The server gave the chain but not the records at its end: ask for them.
                    follow(candidate, end, links, seen);
                    return;
                }
                DnsAnswer answer = new DnsAnswer(question, type, candidate, links, records, response.server,
                        response.fromCache, response.truncated, namesTried, List.copyOf(serversAsked));
                if (!records.isEmpty()) {
                    result.complete(answer);
                    return;
                }
                if (noData == null) {
                    noData = answer;
                }
                next();
            });
        }

        void finish() {
            if (noData != null) {
                result.complete(new DnsAnswer(question, type, noData.name(), noData.cnames(), List.of(),
                        noData.server(), noData.fromCache(), noData.truncated(), namesTried,
                        List.copyOf(serversAsked)));
            } else if (serverFailure != null) {
                fail(serverFailure.reason, serverFailure.getMessage(), serverFailure.getCause());
            } else {
                fail(Reason.NXDOMAIN, null, null);
            }
        }

        void fail(Reason reason, String detail, Throwable cause) {
            result.completeExceptionally(new NameResolutionException(question, namesTried,
                    List.copyOf(serversAsked), reason, detail, cause));
        }
    }

    private static boolean isQueryable(String name) {
        try {
            DomainNames.check(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static CnameRecord cnameOf(List<ResourceRecord> answers, String owner) {
        String key = DomainNames.key(owner);
        for (ResourceRecord r : answers) {
            if (r instanceof CnameRecord && DomainNames.key(r.name()).equals(key)) {
                return (CnameRecord) r;
            }
        }
        return null;
    }

    /** Asks the servers for {@code name}/{@code type} (or takes the answer from the cache). Runs on the loop. */
    private CompletableFuture<Response> exchange(String name, RecordType type, Set<String> serversAsked) {
        if (cache != null) {
            Response cached = cache.get(name, type);
            if (cached != null) {
                serversAsked.add(DnsAnswer.serverText(cached.server));
                return CompletableFuture.completedFuture(cached);
            }
        }
        List<InetSocketAddress> servers = config.servers();
        int start = config.rotate() ? Math.floorMod(rotation.getAndIncrement(), servers.size()) : 0;
        List<InetSocketAddress> order = new ArrayList<>();
        for (int attempt = 0; attempt < config.attempts(); attempt++) {
            for (int i = 0; i < servers.size(); i++) {
                order.add(servers.get((start + i) % servers.size()));
            }
        }
        CompletableFuture<Response> out = new CompletableFuture<>();
        new Exchange(name, type, order, serversAsked, out).send(0);
        return out;
    }

    /** The servers asked one after the other until one gives a usable answer. */
    private final class Exchange {
        final String name;
        final RecordType type;
        final List<InetSocketAddress> order;
        final Set<String> serversAsked;
        final CompletableFuture<Response> out;
        ExchangeFailure serverFailure;
        ExchangeFailure timeout;
        ExchangeFailure network;
        int timedOut;

        Exchange(String name, RecordType type, List<InetSocketAddress> order, Set<String> serversAsked,
                 CompletableFuture<Response> out) {
            this.name = name;
            this.type = type;
            this.order = order;
            this.serversAsked = serversAsked;
            this.out = out;
        }

        void send(int i) {
            if (i >= order.size()) {
                out.completeExceptionally(serverFailure != null ? serverFailure
                        : timeout != null ? timeout : network != null ? network
                        : new ExchangeFailure(Reason.OTHER, "no server to ask", null));
                return;
            }
            InetSocketAddress server = order.get(i);
            serversAsked.add(DnsAnswer.serverText(server));
            Promise<AddressedEnvelope<? extends DnsResponse, InetSocketAddress>> promise = loop.newPromise();
            Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> f;
            queryBeingSent = promise;
            try {
                f = resolver.query(server, new DefaultDnsQuestion(DomainNames.absolute(name), type.netty()), promise);
            } finally {
                queryBeingSent = null;
            }
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    Throwable cause = done.cause();
                    if (cause instanceof AnswerValidator.MalformedAnswerException) {
                        serverFailure = malformed(server, cause.getMessage(), cause);
                    } else if (isTimeout(cause)) {
                        // The limit is per query: the message gives it, the number of queries and their total.
                        timedOut++;
                        timeout = new ExchangeFailure(Reason.TIMEOUT, "no answer to " + timedOut
                                + (timedOut == 1 ? " query of " : " queries, ") + Durations.format(config.timeout())
                                + (timedOut == 1 ? "" : " each (" + Durations.format(
                                config.timeout().multipliedBy(timedOut)) + " in all)"), cause);
                    } else {
                        network = new ExchangeFailure(Reason.NETWORK, "network error asking "
                                + DnsAnswer.serverText(server) + ": " + cause, cause);
                    }
                    send(i + 1);
                    return;
                }
                AddressedEnvelope<DnsResponse, InetSocketAddress> envelope = f.getNow();
                Response response;
                try {
                    response = Response.decode(envelope.content(), server);
                } catch (RuntimeException e) {
                    serverFailure = malformed(server, e.getMessage(), e);
                    send(i + 1);
                    return;
                } finally {
                    envelope.release();
                }
                if (response.truncated && config.tcpFallback()) {
                    // Netty hands back the truncated UDP answer when the TCP retry fails: never use it.
                    serverFailure = new ExchangeFailure(Reason.TRUNCATED, "truncated answer from "
                            + DnsAnswer.serverText(server) + " and the retry over TCP failed", null);
                    send(i + 1);
                    return;
                }
                switch (response.rcode) {
                    case Response.NOERROR:
                    case Response.NXDOMAIN:
                        if (cache != null) {
                            cache.put(name, type, response);
                        }
                        out.complete(response);
                        return;
                    case Response.REFUSED:
                    case Response.NOTIMP:
                        if (serverFailure == null || serverFailure.reason == Reason.REFUSED) {
                            serverFailure = new ExchangeFailure(Reason.REFUSED, DnsAnswer.serverText(server)
                                    + " answered " + rcodeName(response.rcode), null);
                        }
                        send(i + 1);
                        return;
                    default:
                        serverFailure = new ExchangeFailure(Reason.SERVER_FAILURE, DnsAnswer.serverText(server)
                                + " answered " + rcodeName(response.rcode), null);
                        send(i + 1);
                }
            });
        }
    }

    private static ExchangeFailure malformed(InetSocketAddress server, String problem, Throwable cause) {
        return new ExchangeFailure(Reason.MALFORMED, "malformed answer from " + DnsAnswer.serverText(server)
                + ": " + problem, cause);
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DnsNameResolverTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rcodeName(int rcode) {
        switch (rcode) {
            case Response.FORMERR:
                return "FORMERR (format error)";
            case Response.SERVFAIL:
                return "SERVFAIL (server failure)";
            case Response.NOTIMP:
                return "NOTIMP (not implemented)";
            case Response.REFUSED:
                return "REFUSED";
            default:
                return "rcode " + rcode;
        }
    }
}

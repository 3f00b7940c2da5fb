package dev.toolkit.core.names;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.inet.InetLiterals;
import dev.toolkit.core.inet.InetText;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.dns.DnsAnswer;
import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.DnsClientConfig;
import dev.toolkit.core.dns.record.AaaaRecord;
import dev.toolkit.core.dns.record.ARecord;
import dev.toolkit.core.dns.record.DomainNames;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.error.NameResolutionException.Reason;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * {@code getaddrinfo} and {@code getnameinfo} in Java, with the C library's semantics and without
 * {@link InetAddress#getAllByName}: the hosts file first, then the toolkit's {@link DnsClient} (the order of
 * {@code hosts: files dns} in nsswitch.conf), services from {@code /etc/services}, results ordered by RFC 6724
 * ({@link AddressSorter}), and canonical names taken from the end of the CNAME chain, never from a reverse
 * lookup.
 *
 * <p>Name lookup order: an address literal is used as it is; a name listed in the hosts file gets the hosts
 * file's addresses (if it has some of the family asked for) and its first name as canonical name; any other
 * name is looked up in DNS (AAAA and A in parallel for family ANY), with the DNS client's servers and search
 * list. Without a DNS client only literals and hosts-file names resolve. Invalid names and services fail before
 * anything is sent.
 *
 * <p>Failures are {@link NameResolutionException}s; {@link GaiError#of} gives the C library's code and message
 * for each ({@code Name or service not known}, ...).
 */
public final class AddressResolver {

    private final HostsFile hosts;
    private final Services services;
    private final DnsClient dns;
    private final AddressSorter sorter;
    private final Supplier<Set<AddressFamily>> configuredFamilies;

    private AddressResolver(Builder b) {
        this.hosts = b.hosts;
        this.services = b.services;
        this.dns = b.dns;
        this.sorter = b.sorter;
        this.configuredFamilies = b.configuredFamilies;
    }

    /** A builder: the system's hosts and services files, no DNS client, the system's address sorting. */
    public static Builder builder() {
        return new Builder();
    }

    /** The system's hosts and services files with {@code dns} for other names ({@code null} for none). */
    public static AddressResolver system(DnsClient dns) {
        return builder().dns(dns).build();
    }

    /**
     * The resolver clients use when none is configured: literals, then the system's hosts file, then a DNS
     * client configured from {@code /etc/resolv.conf} (its name servers, search domains, ndots, time-out and
     * attempts). Made on first use and shared by the whole JVM; the DNS client sends nothing until a name is
     * neither a literal nor in the hosts file. Where {@code /etc/resolv.conf} names no server, names resolve
     * from the hosts file only.
     */
    public static AddressResolver systemDefault() {
        return SystemDefault.INSTANCE;
    }

    /** Holder of {@link #systemDefault()}, initialised on first use. */
    private static final class SystemDefault {
        static final AddressResolver INSTANCE = create();

        private static AddressResolver create() {
            DnsClient dns;
            try {
                dns = DnsClient.create(DnsClientConfig.system());
            } catch (RuntimeException e) {
                Logging.logger(AddressResolver.class)
                        .warn("no DNS from /etc/resolv.conf ({}); names resolve from the hosts file only",
                                e.getMessage());
                dns = null;
            }
            return system(dns);
        }
    }

    /** The DNS client consulted after the hosts file, if any. */
    public Optional<DnsClient> dns() {
        return Optional.ofNullable(dns);
    }

    /**
     * Resolves a host and a service into socket addresses, as C's and Python's {@code getaddrinfo}.
     *
     * @param host a name, an IPv4 or IPv6 literal, or {@code null} or empty for the wildcard ({@link AddrInfoFlag#PASSIVE})
     *     or loopback address
     * @param service a port number, a service name from the services file ({@code www}, {@code smtp}), or
     *     {@code null} for port 0
     * @param family the family wanted, {@link AddressFamily#ANY} for both
     * @param type the socket type, {@link SocketType#ANY} for each type the service exists for
     * @param protocol 0, or 6 (TCP) or 17 (UDP) to restrict the results
     * @param flags the {@link AddrInfoFlag}s
     * @return the results in RFC 6724 order, or a future failed with a {@link NameResolutionException}
     */
    public CompletableFuture<List<AddrInfo>> getaddrinfoAsync(String host, String service, AddressFamily family,
                                                         SocketType type, int protocol, Set<AddrInfoFlag> flags) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(type, "type");
        Set<AddrInfoFlag> f = flags.isEmpty() ? EnumSet.noneOf(AddrInfoFlag.class) : EnumSet.copyOf(flags);
        String name = host == null || host.isEmpty() ? null : host;
        String label = name == null ? "<wildcard>" : name;
        try {
            if (name == null && service == null) {
                throw fail(label, Reason.NXDOMAIN, "neither host nor service given");
            }
            if (name == null && f.contains(AddrInfoFlag.CANONNAME)) {
                throw new IllegalArgumentException("CANONNAME needs a host name");
            }
            List<Port> ports = ports(label, service, type, protocol, f);
            AddressFamily want = family;
            if (f.contains(AddrInfoFlag.ADDRCONFIG)) {
                Set<AddressFamily> have = configuredFamilies.get();
                boolean v4 = have.contains(AddressFamily.INET);
                boolean v6 = have.contains(AddressFamily.INET6);
                if (want == AddressFamily.ANY && (v4 || v6) && v4 != v6) {
                    want = v4 ? AddressFamily.INET : AddressFamily.INET6;
                } else if (want == AddressFamily.INET && !v4 || want == AddressFamily.INET6 && !v6) {
                    throw fail(label, Reason.BAD_FAMILY, "no " + want.constantName()
                            + " address configured on this host (ADDRCONFIG)");
                }
            }
            AddressFamily wanted = want;
            return hostAddresses(name, label, wanted, f).thenApply(found -> {
                List<InetAddress> sorted = sorter.sort(found.addresses());
                List<AddrInfo> out = new ArrayList<>();
                for (InetAddress a : sorted) {
                    for (Port p : ports) {
                        String canon = out.isEmpty() && f.contains(AddrInfoFlag.CANONNAME) ? found.canonicalName() : "";
                        out.add(new AddrInfo(AddressFamily.of(a), p.type(), p.protocol(), canon,
                                new InetSocketAddress(a, p.port())));
                    }
                }
                return out;
            });
        } catch (NameResolutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #getaddrinfoAsync(String, String, AddressFamily, SocketType, int, Set)} with protocol 0. */
    public CompletableFuture<List<AddrInfo>> getaddrinfoAsync(String host, String service, AddressFamily family,
                                                              SocketType type, Set<AddrInfoFlag> flags) {
        return getaddrinfoAsync(host, service, family, type, 0, flags);
    }

    /**
     * {@link #getaddrinfoAsync(String, String, AddressFamily, SocketType, int, Set)} and wait.
     *
     * @throws NameResolutionException if the lookup fails
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException if called on an event loop thread
     */
    public List<AddrInfo> getaddrinfo(String host, String service, AddressFamily family, SocketType type,
                                      int protocol, Set<AddrInfoFlag> flags) {
        return Blocking.call("getaddrinfo " + (host == null || host.isEmpty() ? "<wildcard>" : host), null,
                () -> getaddrinfoAsync(host, service, family, type, protocol, flags));
    }

    /** {@link #getaddrinfoAsync(String, String, AddressFamily, SocketType, Set)} and wait. */
    public List<AddrInfo> getaddrinfo(String host, String service, AddressFamily family, SocketType type,
                                      Set<AddrInfoFlag> flags) {
        return getaddrinfo(host, service, family, type, 0, flags);
    }

    /**
     * The addresses of {@code host} of one family (or both), hosts file first, then DNS, in RFC 6724 order:
     * what a client connecting to a name needs.
     */
    public CompletableFuture<List<InetAddress>> addressesAsync(String host, AddressFamily family) {
        String label = host == null || host.isEmpty() ? "<wildcard>" : host;
        try {
            return hostAddresses(host == null || host.isEmpty() ? null : host, label, family,
                    EnumSet.noneOf(AddrInfoFlag.class)).thenApply(found -> sorter.sort(found.addresses()));
        } catch (NameResolutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * {@link #addressesAsync} and wait.
     *
     * @throws NameResolutionException if the lookup fails
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException if called on an event loop thread
     */
    public List<InetAddress> addresses(String host, AddressFamily family) {
        return Blocking.call("look up the addresses of " + host, null, () -> addressesAsync(host, family));
    }

    /**
     * The IPv6 and the IPv4 addresses of {@code host}, each as soon as it is known: what a Happy Eyeballs
     * connection (RFC 8305) starts from. A literal or a hosts-file name completes both at once (one may be
     * empty); other names ask DNS for AAAA and A in parallel, each future completing with its answer (empty for
     * "no data") or failing on its own.
     */
    public FamilyLookups lookupFamilies(String host) {
        Objects.requireNonNull(host, "host");
        InetAddress literal = InetLiterals.parseWithScope(host);
        if (literal != null) {
            List<InetAddress> one = List.of(literal);
            return literal instanceof Inet6Address
                    ? new FamilyLookups(CompletableFuture.completedFuture(one),
                            CompletableFuture.completedFuture(List.of()))
                    : new FamilyLookups(CompletableFuture.completedFuture(List.of()),
                            CompletableFuture.completedFuture(one));
        }
        return lookupNameFamilies(host);
    }

    /**
     * As {@link #lookupFamilies}, for a host the caller already knows is not an address literal (it parsed
     * it): the name is checked once (by the DNS client when DNS is asked) and the hosts file read once.
     */
    public FamilyLookups lookupNameFamilies(String name) {
        Objects.requireNonNull(name, "name");
        Optional<HostsFile.Match> local = hosts.lookup(name);
        if (local.isPresent()) {
            List<InetAddress> found = local.get().addresses();
            return new FamilyLookups(
                    CompletableFuture.completedFuture(sorter.sort(select(found, AddressFamily.INET6, false, false))),
                    CompletableFuture.completedFuture(sorter.sort(select(found, AddressFamily.INET, false, false))));
        }
        if (dns == null) {
            NameResolutionException failure;
            try {
                failure = new NameResolutionException(name, List.of(DomainNames.check(name)), List.of(),
                        Reason.NXDOMAIN, "not in the hosts file and no DNS client is configured", null);
            } catch (IllegalArgumentException e) {
                failure = fail(name, Reason.BAD_NAME, "invalid name: " + e.getMessage());
            }
            return new FamilyLookups(CompletableFuture.failedFuture(failure), CompletableFuture.failedFuture(failure));
        }
        List<CompletableFuture<DnsAnswer>> answers = dns.queryAsync(name, List.of(RecordType.AAAA, RecordType.A));
        return new FamilyLookups(
                answers.get(0).thenApply(a -> {
                    List<InetAddress> out = new ArrayList<>();
                    a.records(AaaaRecord.class).forEach(r -> out.add(r.address()));
                    return sorter.sort(out);
                }),
                answers.get(1).thenApply(a -> {
                    List<InetAddress> out = new ArrayList<>();
                    a.records(ARecord.class).forEach(r -> out.add(r.address()));
                    return sorter.sort(out);
                }));
    }

    /**
     * The two lookups of {@link #lookupFamilies}.
     *
     * @param ipv6 the IPv6 addresses, in RFC 6724 order
     * @param ipv4 the IPv4 addresses, in RFC 6724 order
     */
    public record FamilyLookups(CompletableFuture<List<InetAddress>> ipv6, CompletableFuture<List<InetAddress>> ipv4) {
    }

    /**
     * The host name and service name of a socket address, as C's and Python's {@code getnameinfo}: the hosts file
     * first, then a PTR lookup through the DNS client.
     *
     * @return the names, or a future failed with a {@link NameResolutionException} (with
     *     {@link NameInfoFlag#NAMEREQD} and no name found)
     */
    public CompletableFuture<NameInfo> getnameinfoAsync(InetSocketAddress address, Set<NameInfoFlag> flags) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            return CompletableFuture.failedFuture(fail(address.getHostString(), Reason.BAD_NAME,
                    "getnameinfo needs an address, not a name"));
        }
        InetAddress ip = address.getAddress();
        String service = String.valueOf(address.getPort());
        if (!flags.contains(NameInfoFlag.NUMERICSERV)) {
            service = services.name(address.getPort(), flags.contains(NameInfoFlag.DGRAM) ? "udp" : "tcp")
                    .orElse(service);
        }
        String serviceText = service;
        String numeric = InetText.formatWithScope(ip);
        if (flags.contains(NameInfoFlag.NUMERICHOST)) {
            return CompletableFuture.completedFuture(new NameInfo(numeric, serviceText));
        }
        Optional<String> local = hosts.nameOf(ip);
        if (local.isPresent()) {
            return CompletableFuture.completedFuture(new NameInfo(shorten(local.get(), flags), serviceText));
        }
        if (dns == null) {
            return flags.contains(NameInfoFlag.NAMEREQD)
                    ? CompletableFuture.failedFuture(fail(numeric, Reason.NXDOMAIN,
                            "address not in the hosts file and no DNS client to ask"))
                    : CompletableFuture.completedFuture(new NameInfo(numeric, serviceText));
        }
        return dns.reverseAsync(ip).handle((names, error) -> {
            if (error == null && !names.isEmpty()) {
                return new NameInfo(shorten(names.get(0), flags), serviceText);
            }
            if (flags.contains(NameInfoFlag.NAMEREQD)) {
                if (error != null) {
                    throw new CompletionException(Exceptions.map(error));
                }
                throw new CompletionException(fail(numeric, Reason.NO_DATA, "no PTR record"));
            }
            return new NameInfo(numeric, serviceText);
        });
    }

    /**
     * {@link #getnameinfoAsync} and wait.
     *
     * @throws NameResolutionException if the lookup fails
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException if called on an event loop thread
     */
    public NameInfo getnameinfo(InetSocketAddress address, Set<NameInfoFlag> flags) {
        return Blocking.call("getnameinfo " + address, null, () -> getnameinfoAsync(address, flags));
    }

    private static String shorten(String name, Set<NameInfoFlag> flags) {
        int dot = name.indexOf('.');
        return flags.contains(NameInfoFlag.NOFQDN) && dot > 0 ? name.substring(0, dot) : name;
    }

    private static NameResolutionException fail(String name, Reason reason, String detail) {
        return new NameResolutionException(name, List.of(), List.of(), reason, detail, null);
    }

    private record Port(SocketType type, int protocol, int port) {
    }

    private List<Port> ports(String label, String service, SocketType type, int protocol, Set<AddrInfoFlag> flags) {
        List<SocketType> types = new ArrayList<>();
        if (type == SocketType.ANY) {
            if (protocol == 0) {
                types.addAll(List.of(SocketType.STREAM, SocketType.DATAGRAM, SocketType.RAW));
            } else if (protocol == SocketType.STREAM.protocol()) {
                types.add(SocketType.STREAM);
            } else if (protocol == SocketType.DATAGRAM.protocol()) {
                types.add(SocketType.DATAGRAM);
            } else {
                throw new IllegalArgumentException("protocol " + protocol + " not supported (0, 6 or 17)");
            }
        } else {
            if (protocol != 0 && type != SocketType.RAW && protocol != type.protocol()) {
                throw new IllegalArgumentException("protocol " + protocol + " does not go with " + type);
            }
            types.add(type);
        }
        List<Port> out = new ArrayList<>();
        if (service == null) {
            for (SocketType t : types) {
                out.add(new Port(t, t == SocketType.RAW ? protocol : t.protocol(), 0));
            }
            return out;
        }
        Integer number = parsePort(service);
        if (number != null) {
            if (number > 65535) {
                throw fail(label, Reason.BAD_SERVICE, "port " + service + " out of range");
            }
            if (type == SocketType.RAW) {
                throw fail(label, Reason.BAD_SERVICE, "a raw socket takes no port");
            }
            for (SocketType t : types) {
                out.add(new Port(t, t == SocketType.RAW ? protocol : t.protocol(), number));
            }
            return out;
        }
        if (flags.contains(AddrInfoFlag.NUMERICSERV)) {
            // The C library reports this as EAI_NONAME, hence BAD_NAME rather than BAD_SERVICE.
            throw fail(label, Reason.BAD_NAME, "service '" + service + "' is not a port number (NUMERICSERV)");
        }
        for (SocketType t : types) {
            if (t.serviceProtocol() == null) {
                continue;
            }
            Optional<Integer> port = services.port(service, t.serviceProtocol());
            port.ifPresent(p -> out.add(new Port(t, t.protocol(), p)));
        }
        if (out.isEmpty()) {
            throw fail(label, Reason.BAD_SERVICE, "unknown service '" + service + "' for "
                    + (type == SocketType.ANY ? "any socket type" : type.constantName()));
        }
        return out;
    }

    private static Integer parsePort(String service) {
        if (service.isEmpty() || service.length() > 10) {
            return null;
        }
        for (int i = 0; i < service.length(); i++) {
            if (!Character.isDigit(service.charAt(i)) || service.charAt(i) > '9') {
                return null;
            }
        }
        long v = Long.parseLong(service);
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    private record Found(List<InetAddress> addresses, String canonicalName) {
    }

    private CompletableFuture<Found> hostAddresses(String name, String label, AddressFamily family,
                                                   Set<AddrInfoFlag> flags) {
        boolean mapped = family == AddressFamily.INET6 && flags.contains(AddrInfoFlag.V4MAPPED);
        boolean all = mapped && flags.contains(AddrInfoFlag.ALL);
        if (name == null) {
            boolean passive = flags.contains(AddrInfoFlag.PASSIVE);
            List<InetAddress> list = new ArrayList<>();
            if (family != AddressFamily.INET) {
                list.add(passive ? literal("::") : literal("::1"));
            }
            if (family != AddressFamily.INET6) {
                list.add(passive ? literal("0.0.0.0") : literal("127.0.0.1"));
            }
            return CompletableFuture.completedFuture(new Found(list, ""));
        }
        InetAddress literal = InetLiterals.parseWithScope(name);
        if (literal != null) {
            List<InetAddress> one = select(List.of(literal), family, mapped, all);
            if (one.isEmpty()) {
                throw fail(label, Reason.BAD_FAMILY, "address " + name + " is not of family "
                        + family.constantName());
            }
            return CompletableFuture.completedFuture(new Found(one, name));
        }
        if (flags.contains(AddrInfoFlag.NUMERICHOST)) {
            throw fail(label, Reason.BAD_NAME, "'" + name + "' is not an address literal (NUMERICHOST)");
        }
        String checked;
        try {
            checked = DomainNames.check(name);
        } catch (IllegalArgumentException e) {
            throw fail(label, Reason.BAD_NAME, "invalid name: " + e.getMessage());
        }
        Optional<HostsFile.Match> local = hosts.lookup(name);
        if (local.isPresent()) {
            List<InetAddress> selected = select(local.get().addresses(), family, mapped, all);
            if (!selected.isEmpty()) {
                return CompletableFuture.completedFuture(new Found(selected, local.get().canonicalName()));
            }
        }
        if (dns == null) {
            return CompletableFuture.failedFuture(new NameResolutionException(name, List.of(checked), List.of(),
                    Reason.NXDOMAIN, local.isPresent()
                    ? "the hosts file has no " + family.constantName() + " address for it and no DNS client is configured"
                    : "not in the hosts file and no DNS client is configured", null));
        }
        return fromDns(name, family, mapped, all);
    }

    private CompletableFuture<Found> fromDns(String name, AddressFamily family, boolean mapped, boolean all) {
        boolean askV6 = family != AddressFamily.INET;
        boolean askV4 = family != AddressFamily.INET6 || mapped;
        CompletableFuture<DnsAnswer> v6 = askV6 ? dns.queryAsync(name, RecordType.AAAA) : null;
        CompletableFuture<DnsAnswer> v4 = askV4 ? dns.queryAsync(name, RecordType.A) : null;
        CompletableFuture<Void> both = CompletableFuture.allOf(
                v6 == null ? CompletableFuture.completedFuture(null) : v6,
                v4 == null ? CompletableFuture.completedFuture(null) : v4);
        return both.handle((ignored, e) -> {
            // allOf has waited for both; one may have failed while the other has addresses.
            DnsAnswer a6 = v6 == null || v6.isCompletedExceptionally() ? null : v6.join();
            DnsAnswer a4 = v4 == null || v4.isCompletedExceptionally() ? null : v4.join();
            List<InetAddress> v6list = new ArrayList<>();
            if (a6 != null) {
                a6.records(AaaaRecord.class).forEach(r -> v6list.add(r.address()));
            }
            List<InetAddress> v4list = new ArrayList<>();
            if (a4 != null) {
                a4.records(ARecord.class).forEach(r -> v4list.add(r.address()));
            }
            List<InetAddress> out = new ArrayList<>(v6list);
            if (family == AddressFamily.INET6 && mapped) {
                if (v6list.isEmpty() || all) {
                    v4list.forEach(a -> out.add(toMapped(a)));
                }
            } else {
                out.addAll(v4list);
            }
            if (!out.isEmpty()) {
                DnsAnswer canon = a6 != null && !a6.isEmpty() ? a6 : a4;
                return new Found(out, canon.canonicalName());
            }
            // Nothing found: report "no data" if any answer said the name exists, else the first failure.
            DnsAnswer existing = a6 != null ? a6 : a4;
            if (existing != null) {
                List<String> tried = new ArrayList<>(existing.namesTried());
                List<String> servers = new ArrayList<>(existing.serversAsked());
                if (a4 != null && a4 != existing) {
                    tried.addAll(a4.namesTried());
                    servers.addAll(a4.serversAsked());
                }
                throw new CompletionException(new NameResolutionException(name, distinct(tried), distinct(servers),
                        Reason.NO_DATA, "no " + (family == AddressFamily.INET ? "A" : family == AddressFamily.INET6
                        && !mapped ? "AAAA" : "A or AAAA") + " records", null));
            }
            Throwable first = v6 != null && v6.isCompletedExceptionally() ? cause(v6) : cause(v4);
            throw new CompletionException(Exceptions.map(first));
        });
    }

    private static List<String> distinct(List<String> list) {
        return new ArrayList<>(new LinkedHashSet<>(list));
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.join();
            return new IllegalStateException("no failure");
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    private static List<InetAddress> select(List<InetAddress> addresses, AddressFamily family, boolean mapped,
                                            boolean all) {
        List<InetAddress> v6 = new ArrayList<>();
        List<InetAddress> v4 = new ArrayList<>();
        for (InetAddress a : addresses) {
            (a instanceof Inet6Address ? v6 : v4).add(a);
        }
        switch (family) {
            case INET:
                return v4;
            case INET6:
                if (mapped && (v6.isEmpty() || all)) {
                    List<InetAddress> out = new ArrayList<>(v6);
                    v4.forEach(a -> out.add(toMapped(a)));
                    return out;
                }
                return v6;
            default:
                return new ArrayList<>(addresses);
        }
    }

    private static InetAddress toMapped(InetAddress v4) {
        byte[] m = new byte[16];
        m[10] = (byte) 0xFF;
        m[11] = (byte) 0xFF;
        System.arraycopy(v4.getAddress(), 0, m, 12, 4);
        try {
            return Inet6Address.getByAddress(null, m, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress literal(String text) {
        return InetLiterals.parseWithScope(text);
    }

    /** Builds an {@link AddressResolver}. */
    public static final class Builder {
        private HostsFile hosts;
        private Services services;
        private DnsClient dns;
        private AddressSorter sorter = AddressSorter.system();
        private Supplier<Set<AddressFamily>> configuredFamilies = LocalAddresses::configuredFamilies;

        private Builder() {
        }

        /** The hosts file (default the system's {@code /etc/hosts}, read when the resolver is built). */
        public Builder hosts(HostsFile hosts) {
            this.hosts = Objects.requireNonNull(hosts, "hosts");
            return this;
        }

        /** The services database (default the system's {@code /etc/services}). */
        public Builder services(Services services) {
            this.services = Objects.requireNonNull(services, "services");
            return this;
        }

        /** The DNS client for names not in the hosts file (default none: such names fail). */
        public Builder dns(DnsClient dns) {
            this.dns = dns;
            return this;
        }

        /** The address ordering (default RFC 6724 with the kernel's source addresses). */
        public Builder sorter(AddressSorter sorter) {
            this.sorter = Objects.requireNonNull(sorter, "sorter");
            return this;
        }

        /** Which families this host has configured, for ADDRCONFIG (default: read from the interfaces). */
        public Builder configuredFamilies(Supplier<Set<AddressFamily>> families) {
            this.configuredFamilies = Objects.requireNonNull(families, "families");
            return this;
        }

        /** Builds the resolver. */
        public AddressResolver build() {
            if (hosts == null) {
                hosts = HostsFile.system();
            }
            if (services == null) {
                services = Services.system();
            }
            return new AddressResolver(this);
        }
    }
}

package dev.toolkit.core.names;

import dev.toolkit.core.inet.InetText;
import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.ZoneFixture;
import dev.toolkit.core.dns.ResolvConf;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.testing.DnsTestZone;
import dev.toolkit.testing.Dnsmasq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** getaddrinfo and getnameinfo through the DNS client, against dnsmasq serving {@link DnsTestZone}. */
class AddressResolverDnsIT {

    private static ZoneFixture zone;
    private static Dnsmasq dns;
    private static AddressResolver resolver;

    @BeforeAll
    static void start() {
        zone = ZoneFixture.start();
        dns = zone.dns();
        resolver = AddressResolver.builder().hosts(HostsFile.parse("127.0.0.1 localhost\n192.0.2.99 www.test\n"))
                .dns(zone.client()).build();
    }

    @AfterAll
    static void stop() {
        if (zone != null) {
            zone.close();
        }
    }

    @Test
    void canonicalNameIsTheEndOfTheCnameChain() {
        List<AddrInfo> r = resolver.getaddrinfo("alias2.test", "www", AddressFamily.ANY, SocketType.STREAM,
                EnumSet.of(AddrInfoFlag.CANONNAME));
        assertEquals("www.test", r.get(0).canonicalName());
        assertEquals(Set.of("192.0.2.10", "2001:db8::10"),
                r.stream().map(a -> InetText.format(a.address().getAddress())).collect(Collectors.toSet()));
        assertEquals(Set.of(80), r.stream().map(a -> a.address().getPort()).collect(Collectors.toSet()));
        assertEquals("", r.get(1).canonicalName());
    }

    @Test
    void hostsFileComesFirst() {
        List<AddrInfo> r = resolver.getaddrinfo("www.test", "80", AddressFamily.INET, SocketType.STREAM,
                EnumSet.of(AddrInfoFlag.CANONNAME));
        assertEquals(List.of("192.0.2.99"), r.stream().map(a -> InetText.format(a.address().getAddress())).toList());
        // The hosts file has no IPv6 address for it: DNS is asked.
        List<AddrInfo> v6 = resolver.getaddrinfo("www.test", "80", AddressFamily.INET6, SocketType.STREAM,
                EnumSet.noneOf(AddrInfoFlag.class));
        assertEquals("2001:db8::10", InetText.format(v6.get(0).address().getAddress()));
    }

    @Test
    void familiesAndMappedAddresses() {
        List<AddrInfo> v4 = resolver.getaddrinfo("v4only", "80", AddressFamily.INET6, SocketType.STREAM,
                EnumSet.of(AddrInfoFlag.V4MAPPED, AddrInfoFlag.CANONNAME));
        assertEquals("::ffff:192.0.2.11", InetText.format(v4.get(0).address().getAddress()));
        assertEquals("v4only.test", v4.get(0).canonicalName());
        NameResolutionException e = assertThrows(NameResolutionException.class, () -> resolver.getaddrinfo(
                "v4only.test", "80", AddressFamily.INET6, SocketType.STREAM, EnumSet.noneOf(AddrInfoFlag.class)));
        assertEquals(NameResolutionException.Reason.NO_DATA, e.reason());
        assertEquals(GaiError.EAI_NODATA, GaiError.of(e));
    }

    @Test
    void unknownNameListsNamesAndServers() {
        NameResolutionException e = assertThrows(NameResolutionException.class, () -> resolver.getaddrinfo(
                "nosuch.test", "80", AddressFamily.ANY, SocketType.STREAM, EnumSet.noneOf(AddrInfoFlag.class)));
        assertEquals(NameResolutionException.Reason.NXDOMAIN, e.reason());
        assertEquals(GaiError.EAI_NONAME, GaiError.of(e));
        assertEquals(List.of("127.0.0.1:" + dns.port()), e.serversAsked());
    }

    @Test
    void getnameinfoUsesHostsThenPtr() throws Exception {
        assertEquals(new NameInfo("www.test", "http"), resolver.getnameinfo(
                new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 80), EnumSet.noneOf(NameInfoFlag.class)));
        assertEquals(new NameInfo("localhost", "domain"), resolver.getnameinfo(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53), EnumSet.of(NameInfoFlag.DGRAM)));
        assertEquals(new NameInfo("www", "80"), resolver.getnameinfo(
                new InetSocketAddress(InetAddress.getByName("2001:db8::10"), 80),
                EnumSet.of(NameInfoFlag.NUMERICSERV, NameInfoFlag.NOFQDN)));
        InetSocketAddress unnamed = new InetSocketAddress(InetAddress.getByName("192.0.2.200"), 80);
        assertEquals(new NameInfo("192.0.2.200", "http"),
                resolver.getnameinfo(unnamed, EnumSet.noneOf(NameInfoFlag.class)));
        assertThrows(NameResolutionException.class,
                () -> resolver.getnameinfo(unnamed, EnumSet.of(NameInfoFlag.NAMEREQD)));
    }

    @Test
    void resolvConfFileSettingsAreHonoured(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("resolv.conf");
        Files.writeString(file, "# written by the test\nnameserver 192.0.2.53\nsearch sub.test test\n"
                + "options ndots:2 timeout:3 attempts:1\n");
        ResolvConf conf = ResolvConf.read(file);
        assertEquals(List.of("sub.test", "test"), conf.searchDomains());
        // The file's server is off this machine: the test points the client at dnsmasq instead.
        try (DnsClient c = DnsClient.create(conf.toConfig().servers(List.of(dns.address())).build())) {
            assertEquals(Duration.ofSeconds(3), c.config().timeout());
            // "mx1.test" has fewer than ndots=2 dots: the search list comes first. It has no MX ("no data").
            assertEquals(List.of("mx1.test.sub.test", "mx1.test.test", "mx1.test"),
                    c.query("mx1.test", RecordType.MX).namesTried());
            assertEquals("www.test", c.query("www", RecordType.A).name());
        }
    }
}

package dev.toolkit.core.dns;

import dev.toolkit.core.dns.record.AaaaRecord;
import dev.toolkit.core.dns.record.ARecord;
import dev.toolkit.core.dns.record.CnameRecord;
import dev.toolkit.core.dns.record.MxRecord;
import dev.toolkit.core.dns.record.NsRecord;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.dns.record.SoaRecord;
import dev.toolkit.core.dns.record.SrvRecord;
import dev.toolkit.core.dns.record.TxtRecord;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.testing.DnsTestZone;
import dev.toolkit.testing.Dnsmasq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DNS client against dnsmasq on loopback serving {@link DnsTestZone}. */
class DnsClientIT {

    private static Dnsmasq dns;

    @BeforeAll
    static void startDnsmasq() {
        dns = DnsTestZone.start();
    }

    @AfterAll
    static void stopDnsmasq() {
        if (dns != null) {
            dns.close();
        }
    }

    private static DnsClient client(Consumer<DnsClientConfig.Builder> settings) {
        DnsClientConfig.Builder b = DnsClientConfig.builder().server(dns.address()).timeout(Duration.ofSeconds(5));
        settings.accept(b);
        return DnsClient.create(b.build());
    }

    private static String server() {
        return "127.0.0.1:" + dns.port();
    }

    @Test
    void addressRecordsWithTtls() throws Exception {
        try (DnsClient c = client(b -> { })) {
            DnsAnswer a = c.query("www.test", RecordType.A);
            assertEquals(List.of(new ARecord("www.test", DnsTestZone.TTL,
                    (java.net.Inet4Address) InetAddress.getByName("192.0.2.10"))), a.records());
            assertEquals(dns.address(), a.server());
            DnsAnswer aaaa = c.query("www.test", RecordType.AAAA);
            AaaaRecord r = aaaa.records(AaaaRecord.class).get(0);
            assertEquals("2001:db8::10", r.toText());
            assertEquals(DnsTestZone.TTL, r.ttl());
            assertEquals(List.of(server()), aaaa.serversAsked());
        }
    }

    @Test
    void cnameChainIsFollowedToItsEnd() {
        try (DnsClient c = client(b -> { })) {
            DnsAnswer a = c.query("alias2.test", RecordType.A);
            assertEquals("alias2.test", a.name());
            assertEquals("www.test", a.canonicalName());
            assertEquals(List.of("alias.test", "www.test"), a.cnames().stream().map(CnameRecord::target).toList());
            assertEquals("192.0.2.10", a.records().get(0).toText());
            assertEquals("www.test", a.records().get(0).name());

            DnsAnswer cname = c.query("alias.test", RecordType.CNAME);
            assertEquals(List.of(new CnameRecord("alias.test", DnsTestZone.TTL, "www.test")), cname.records());
        }
    }

    @Test
    void everyTypeIsDecoded() {
        try (DnsClient c = client(b -> { })) {
            List<MxRecord> mx = c.query("mail.test", RecordType.MX).records(MxRecord.class);
            assertEquals(2, mx.size());
            assertTrue(mx.contains(new MxRecord("mail.test", DnsTestZone.TTL, 10, "mx1.test")), mx.toString());
            assertTrue(mx.contains(new MxRecord("mail.test", DnsTestZone.TTL, 20, "mx2.test")), mx.toString());

            MxRecord nullMx = c.query("nullmx.test", RecordType.MX).records(MxRecord.class).get(0);
            assertTrue(nullMx.isNullMx());
            assertEquals("0 .", nullMx.toText());

            SrvRecord srv = c.query("_sip._tcp.test", RecordType.SRV).records(SrvRecord.class).get(0);
            assertEquals(new SrvRecord("_sip._tcp.test", DnsTestZone.TTL, 10, 60, 5060, "sip.test"), srv);
            assertEquals("10 60 5060 sip.test.", srv.toText());

            TxtRecord txt = c.query("txt.test", RecordType.TXT).records(TxtRecord.class).get(0);
            assertEquals(List.of("hello world", "second"), txt.strings());
            assertEquals("\"hello world\" \"second\"", txt.toText());

            SoaRecord soa = c.query("test", RecordType.SOA).records(SoaRecord.class).get(0);
            assertEquals(new SoaRecord("test", DnsTestZone.TTL, "ns.test", "hostmaster.test", 2024010101L, 1200,
                    180, 1209600, DnsTestZone.TTL), soa);

            assertEquals(List.of(new NsRecord("test", DnsTestZone.TTL, "ns.test")),
                    c.query("test", RecordType.NS).records());
        }
    }

    @Test
    void reverseLookups() throws Exception {
        try (DnsClient c = client(b -> { })) {
            assertEquals("10.2.0.192.in-addr.arpa", DnsClient.reverseName(InetAddress.getByName("192.0.2.10")));
            assertEquals(List.of("www.test"), c.reverse(InetAddress.getByName("192.0.2.10")));
            assertEquals(List.of("www.test"), c.reverse(InetAddress.getByName("2001:db8::10")));
        }
    }

    @Test
    void nxdomainAndNoDataAreToldApart() {
        try (DnsClient c = client(b -> { })) {
            NameResolutionException e = assertThrows(NameResolutionException.class,
                    () -> c.query("nosuch.test", RecordType.A));
            assertEquals(NameResolutionException.Reason.NXDOMAIN, e.reason());
            assertEquals(List.of("nosuch.test"), e.namesTried());
            assertEquals(List.of(server()), e.serversAsked());

            DnsAnswer noData = c.query("www.test", RecordType.MX);
            assertTrue(noData.isEmpty());
            NameResolutionException nd = assertThrows(NameResolutionException.class, noData::requireRecords);
            assertEquals(NameResolutionException.Reason.NO_DATA, nd.reason());

            // A CNAME to a name that does not exist.
            NameResolutionException dangling = assertThrows(NameResolutionException.class,
                    () -> c.query("dangling.test", RecordType.A));
            assertEquals(NameResolutionException.Reason.NXDOMAIN, dangling.reason());
            assertEquals(List.of("dangling.test", "nowhere.test"), dangling.namesTried());
        }
    }

    @Test
    void truncatedAnswerIsAskedAgainOverTcp() {
        try (DnsClient c = client(b -> b.maxPayloadSize(512).cache(false))) {
            DnsAnswer a = c.query("big.test", RecordType.TXT);
            assertEquals(DnsTestZone.BIG_TXT_COUNT, a.records().size());
            assertFalse(a.truncated());
        }
        assertTrue(dns.tcpQueries().contains(new Dnsmasq.Query("TXT", "big.test", true)),
                () -> "no TCP query in dnsmasq's log: " + dns.queries());
    }

    @Test
    void withoutTcpFallbackTheTruncatedAnswerIsMarked() {
        try (DnsClient c = client(b -> b.maxPayloadSize(512).tcpFallback(false).cache(false))) {
            DnsAnswer a = c.query("big.test", RecordType.TXT);
            assertTrue(a.truncated());
            assertTrue(a.records().size() < DnsTestZone.BIG_TXT_COUNT, a.records().size() + " records");
        }
    }

    @Test
    void searchDomainsAreApplied() {
        try (DnsClient c = client(b -> b.searchDomains(List.of("sub.test", "test")))) {
            DnsAnswer a = c.query("www", RecordType.A);
            assertEquals("www.test", a.name());
            assertEquals(List.of("www.sub.test", "www.test"), a.namesTried());

            NameResolutionException e = assertThrows(NameResolutionException.class,
                    () -> c.query("nosuch", RecordType.A));
            assertEquals(List.of("nosuch.sub.test", "nosuch.test", "nosuch"), e.namesTried());
            assertEquals(List.of(server()), e.serversAsked());
            assertTrue(e.getMessage().contains("nosuch.sub.test, nosuch.test, nosuch"), e.getMessage());
            assertTrue(e.getMessage().contains(server()), e.getMessage());

            // An absolute name is tried alone.
            assertEquals(List.of("www.test"), c.query("www.test.", RecordType.A).namesTried());
        }
    }

    @Test
    void cacheRespectsTtlsOnTheInjectedClock() {
        MutableClock clock = new MutableClock();
        try (DnsClient c = client(b -> b.clock(clock))) {
            long before = countQueries("v4only.test");
            DnsAnswer first = c.query("v4only.test", RecordType.A);
            assertFalse(first.fromCache());
            clock.advance(Duration.ofSeconds(100));
            DnsAnswer second = c.query("v4only.test", RecordType.A);
            assertTrue(second.fromCache());
            assertEquals(DnsTestZone.TTL - 100, second.ttl());
            assertEquals(before + 1, countQueries("v4only.test"));
            clock.advance(Duration.ofSeconds(DnsTestZone.TTL));
            assertFalse(c.query("v4only.test", RecordType.A).fromCache());
            assertEquals(before + 2, countQueries("v4only.test"));

            // Negative answers are cached for the SOA's negative TTL.
            long nx = countQueries("cached-nx.test");
            assertThrows(NameResolutionException.class, () -> c.query("cached-nx.test", RecordType.A));
            assertThrows(NameResolutionException.class, () -> c.query("cached-nx.test", RecordType.A));
            assertEquals(nx + 1, countQueries("cached-nx.test"));
        }
    }

    @Test
    void cacheCanBeTurnedOff() {
        try (DnsClient c = client(b -> b.cache(false))) {
            long before = countQueries("v6only.test");
            c.query("v6only.test", RecordType.AAAA);
            assertFalse(c.query("v6only.test", RecordType.AAAA).fromCache());
            assertEquals(before + 2, countQueries("v6only.test"));
        }
    }

    @Test
    void silentServerTimesOutAndTheNextServerAnswers() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress quiet = (InetSocketAddress) silent.getLocalSocketAddress();
            try (DnsClient c = DnsClient.create(DnsClientConfig.builder().servers(List.of(quiet, dns.address()))
                    .timeout(Duration.ofMillis(300)).attempts(1).build())) {
                DnsAnswer a = c.query("www.test", RecordType.A);
                assertEquals(dns.address(), a.server());
                assertEquals(List.of("127.0.0.1:" + quiet.getPort(), server()), a.serversAsked());
            }
            try (DnsClient c = DnsClient.create(DnsClientConfig.builder().server(quiet)
                    .timeout(Duration.ofMillis(300)).attempts(2).build())) {
                NameResolutionException e = assertThrows(NameResolutionException.class,
                        () -> c.query("www.test", RecordType.A));
                assertEquals(NameResolutionException.Reason.TIMEOUT, e.reason());
                assertEquals(List.of("127.0.0.1:" + quiet.getPort()), e.serversAsked());
            }
        }
    }

    @Test
    void badNamesFailWithoutAQuery() {
        int before = dns.queries().size();
        try (DnsClient c = client(b -> { })) {
            for (String bad : List.of("", " ", "a..test", ".test", "a".repeat(64) + ".test",
                    ("a".repeat(63) + ".").repeat(4) + "test", "bad name.test", "semi;colon.test", "tab\t.test")) {
                NameResolutionException e = assertThrows(NameResolutionException.class,
                        () -> c.query(bad, RecordType.A), bad);
                assertEquals(NameResolutionException.Reason.BAD_NAME, e.reason(), bad);
                assertTrue(e.serversAsked().isEmpty());
            }
        }
        assertEquals(before, dns.queries().size());
    }

    private static long countQueries(String name) {
        return dns.queries().stream().filter(q -> q.name().equals(name)).count();
    }
}

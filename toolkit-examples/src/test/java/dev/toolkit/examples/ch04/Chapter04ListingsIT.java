package dev.toolkit.examples.ch04;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.tour.ListingRun;
import dev.toolkit.testing.DnsTestZone;
import dev.toolkit.testing.Dnsmasq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter 4's listings against a real DNS server: dnsmasq on 127.0.0.1 serving {@link DnsTestZone}, chosen
 * with {@code --server}; {@code www_ping}'s success case connects to a listener the test binds on
 * 127.0.0.1:80.
 */
class Chapter04ListingsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static Dnsmasq dns;

    @BeforeAll
    static void start() {
        dns = DnsTestZone.start();
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private record Result(int status, List<String> out, List<String> err) {
    }

    private static Result run(String listing, String... args) throws InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server");
        all.add("127.0.0.1:" + dns.port());
        return runRaw(listing, all);
    }

    private static Result runRaw(String listing, List<String> args) throws InterruptedException {
        try (ListingRun r = ListingRun.start(Catalog.find("ch04", listing).orElseThrow(), listing, null, args)) {
            int status = r.awaitExit(TIMEOUT);
            return new Result(status, r.out(), r.err());
        }
    }

    @Test
    void dnsBasicPrintsRecordSetsAsDnspython() throws Exception {
        Result www = run("dns_basic", "www.test");
        assertEquals(0, www.status(), www.err().toString());
        assertEquals(List.of("www.test. 300 IN A 192.0.2.10", "www.test. 300 IN AAAA 2001:db8::10"), www.out());

        // The address sets belong to the end of the chain; the CNAME set to the name asked.
        Result alias = run("dns_basic", "alias2.test");
        assertEquals(List.of("www.test. 300 IN A 192.0.2.10", "www.test. 300 IN AAAA 2001:db8::10",
                "alias2.test. 300 IN CNAME alias.test."), alias.out());

        Result mail = run("dns_basic", "mail.test");
        assertEquals(Set.of("mail.test. 300 IN MX 10 mx1.test.", "mail.test. 300 IN MX 20 mx2.test."),
                Set.copyOf(mail.out()));
        assertEquals(2, mail.out().size());

        assertEquals(List.of("test. 300 IN NS ns.test."), run("dns_basic", "test").out());
    }

    @Test
    void dnsBasicFailsOnNoSuchDomain() throws Exception {
        Result r = run("dns_basic", "nosuch.test");
        assertEquals(1, r.status());
        assertEquals(List.of(), r.out());
        assertEquals(List.of("Error: cannot resolve 'nosuch.test': no such domain; servers asked: 127.0.0.1:"
                + dns.port()), r.err());
    }

    @Test
    void dnsMxByPreference() throws Exception {
        Result r = run("dns_mx", "mail.test");
        assertEquals(0, r.status(), r.err().toString());
        assertEquals(List.of("This domain has 2 MX records", "Priority 10", "     mx1.test has A address 192.0.2.25",
                "Priority 20", "     mx2.test has A address 192.0.2.26"), r.out());
        assertEquals(List.of("This domain has 1 MX records", "Priority 10", "     mx5.test has A address 192.0.2.25"),
                run("dns_mx", "mxalias.test").out());
        assertEquals(List.of("This domain has 1 MX records", "Priority 10",
                "     v6only.test has AAAA address 2001:db8::12"), run("dns_mx", "v6mx.test").out());
    }

    @Test
    void dnsMxFallbacks() throws Exception {
        assertEquals(List.of("This domain has no explicit MX records",
                "Attempting to resolve it as an A, AAAA, or CNAME", "     nomx.test has A address 192.0.2.30"),
                run("dns_mx", "nomx.test").out());
        assertEquals(List.of("This domain has no explicit MX records",
                "Attempting to resolve it as an A, AAAA, or CNAME",
                "     ERROR: no A, AAAA, or CNAME records for textonly.test"), run("dns_mx", "textonly.test").out());
        assertEquals(List.of("This domain has 1 MX records", "Priority 10",
                "     dangling.test is a CNAME alias for nowhere.test",
                "         ERROR: no A, AAAA, or CNAME records for nowhere.test"),
                run("dns_mx", "danglingmx.test").out());
        assertEquals(List.of("This domain has 1 MX records", "This domain has a null MX record: it accepts no mail"),
                run("dns_mx", "nullmx.test").out());
        Result nx = run("dns_mx", "nosuch.test");
        assertEquals(0, nx.status());
        assertEquals(List.of("Error: No such domain nosuch.test"), nx.out());
    }

    @Test
    void wwwPingConnectsToPort80OfTheFirstResult() throws Exception {
        try (Port80 port80 = Port80.open()) {
            String expected = port80.listening() ? "Success: host localv4.test is listening on port 80"
                    : "Network failure: Connection refused";
            Result r = run("www_ping", "web.test");
            assertEquals(0, r.status(), r.err().toString());
            assertEquals(List.of(expected), r.out(), port80.note());
            // A hosts-file name and a literal are answered without DNS (the server is given all the same, so
            // that nothing could ever reach the system's resolver).
            assertEquals(List.of(expected.replace("localv4.test", "localhost")), run("www_ping", "localhost").out());
            assertEquals(List.of(expected.replace("localv4.test", "127.0.0.1")), run("www_ping", "127.0.0.1").out());
            assertEquals(0, dns.queries().stream().filter(q -> q.name().startsWith("localhost")).count());
        }
    }

    @Test
    void wwwPingReportsNameServiceFailures() throws Exception {
        Result r = run("www_ping", "nosuch.test");
        assertEquals(1, r.status());
        assertEquals(List.of("Name service failure: Name or service not known"), r.out());
        Result bad = run("www_ping", "bad..name");
        assertEquals(1, bad.status());
        assertEquals(List.of("Name service failure: Name or service not known"), bad.out());
    }

    @Test
    void usageErrorsExit2() throws Exception {
        Result noName = runRaw("www_ping", List.of());
        assertEquals(2, noName.status());
        Result badServer = runRaw("dns_basic", List.of("www.test", "--server", "not-an-address"));
        assertEquals(2, badServer.status());
        assertTrue(String.join("\n", badServer.err()).contains("DNS server must be an IP address"),
                badServer.err().toString());
    }
}

package dev.toolkit.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The zone {@code test.} that DNS tests serve with {@link Dnsmasq}: dnsmasq is authoritative for it on
 * 127.0.0.1 (so it also has SOA and NS records, and negative answers carry the SOA), every record with TTL
 * {@value #TTL}.
 *
 * <table>
 *   <caption>Records</caption>
 *   <tr><td>www.test</td><td>A 192.0.2.10, AAAA 2001:db8::10 (PTR for both)</td></tr>
 *   <tr><td>v4only.test / v6only.test</td><td>A 192.0.2.11 / AAAA 2001:db8::12</td></tr>
 *   <tr><td>loopback.test</td><td>A 127.0.0.1, AAAA ::1 (for connecting to servers of the tests)</td></tr>
 *   <tr><td>web.test</td><td>CNAME localv4.test; localv4.test A 127.0.0.1</td></tr>
 *   <tr><td>alias.test, alias2.test</td><td>CNAME www.test, CNAME alias.test (a chain)</td></tr>
 *   <tr><td>dangling.test</td><td>CNAME nowhere.test (which does not exist)</td></tr>
 *   <tr><td>mail.test</td><td>MX 10 mx1.test, 20 mx2.test</td></tr>
 *   <tr><td>tie.test</td><td>MX 10 mx1.test, 10 mx2.test, 10 mx3.test, 20 mx4.test</td></tr>
 *   <tr><td>mx1..mx4.test</td><td>A 192.0.2.25..28; mx2 also AAAA 2001:db8::26</td></tr>
 *   <tr><td>mxalias.test</td><td>MX 10 mx5.test; mx5.test CNAME mx1.test</td></tr>
 *   <tr><td>danglingmx.test / v6mx.test</td><td>MX 10 dangling.test / MX 10 v6only.test</td></tr>
 *   <tr><td>nullmx.test</td><td>MX 0 . (null MX: no mail) and A 192.0.2.31</td></tr>
 *   <tr><td>nomx.test</td><td>A 192.0.2.30, no MX (mail goes to the A record)</td></tr>
 *   <tr><td>textonly.test</td><td>TXT only: no MX, no address</td></tr>
 *   <tr><td>_sip._tcp.test</td><td>SRV 10 60 5060 sip.test</td></tr>
 *   <tr><td>txt.test</td><td>TXT "hello world" "second"</td></tr>
 *   <tr><td>big.test</td><td>{@value #BIG_TXT_COUNT} TXT records: the UDP answer is truncated, TCP gets them all</td></tr>
 *   <tr><td>test</td><td>SOA ns.test. hostmaster.test. 2024010101 1200 180 1209600 300; NS ns.test</td></tr>
 *   <tr><td>nosuch.test and anything else</td><td>NXDOMAIN</td></tr>
 * </table>
 */
public final class DnsTestZone {

    /** The TTL of every record. */
    public static final int TTL = 300;
    /** How many TXT records {@code big.test} has. */
    public static final int BIG_TXT_COUNT = 40;

    private DnsTestZone() {
    }

    /** The dnsmasq configuration lines of the zone. */
    public static List<String> lines() {
        List<String> l = new ArrayList<>(List.of(
                "auth-server=ns.test,127.0.0.1",
                "auth-zone=test,192.0.2.0/24,2001:db8::/32,127.0.0.0/8,::1/128",
                "auth-ttl=" + TTL,
                "auth-soa=2024010101,hostmaster.test,1200,180,1209600",
                "host-record=ns.test,192.0.2.53",
                "host-record=www.test,192.0.2.10,2001:db8::10",
                "host-record=v4only.test,192.0.2.11",
                "host-record=loopback.test,127.0.0.1,::1",
                "host-record=localv4.test,127.0.0.1",
                "cname=web.test,localv4.test",
                "host-record=v6only.test,2001:db8::12",
                "cname=alias.test,www.test",
                "cname=alias2.test,alias.test",
                "cname=dangling.test,nowhere.test",
                "mx-host=mail.test,mx1.test,10",
                "mx-host=mail.test,mx2.test,20",
                "mx-host=tie.test,mx1.test,10",
                "mx-host=tie.test,mx2.test,10",
                "mx-host=tie.test,mx3.test,10",
                "mx-host=tie.test,mx4.test,20",
                "host-record=mx1.test,192.0.2.25",
                "host-record=mx2.test,192.0.2.26,2001:db8::26",
                "host-record=mx3.test,192.0.2.27",
                "host-record=mx4.test,192.0.2.28",
                "mx-host=mxalias.test,mx5.test,10",
                "cname=mx5.test,mx1.test",
                "mx-host=nullmx.test,.,0",
                "mx-host=danglingmx.test,dangling.test,10",
                "mx-host=v6mx.test,v6only.test,10",
                "host-record=nullmx.test,192.0.2.31",
                "host-record=nomx.test,192.0.2.30",
                "txt-record=textonly.test,\"no mail here\"",
                "srv-host=_sip._tcp.test,sip.test,5060,10,60",
                "txt-record=txt.test,\"hello world\",\"second\""));
        for (int i = 1; i <= BIG_TXT_COUNT; i++) {
            l.add("txt-record=big.test,\"record " + i + " of a set too large for one UDP answer\"");
        }
        return l;
    }

    /** Starts dnsmasq serving the zone (plus {@code extra} lines). */
    public static Dnsmasq start(String... extra) {
        return Dnsmasq.builder().lines(lines()).lines(List.of(extra)).start();
    }
}

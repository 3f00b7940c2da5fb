package dev.toolkit.core.dns;

import dev.toolkit.core.dns.record.ARecord;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.dns.record.SoaRecord;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseCacheTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);

    private static Response positive(long ttl) throws Exception {
        return new Response(Response.NOERROR, List.of(new ARecord("a.test", ttl,
                (Inet4Address) InetAddress.getByName("192.0.2.1"))), List.of(), SERVER, false, false);
    }

    @Test
    void entriesAgeAndExpireOnTheClock() throws Exception {
        MutableClock clock = new MutableClock();
        ResponseCache cache = new ResponseCache(clock, 10);
        cache.put("A.test.", RecordType.A, positive(60));
        clock.advance(Duration.ofSeconds(59));
        Response hit = cache.get("a.test", RecordType.A);
        assertNotNull(hit);
        assertTrue(hit.fromCache);
        assertEquals(1, hit.answers.get(0).ttl());
        clock.advance(Duration.ofSeconds(1));
        assertNull(cache.get("a.test", RecordType.A));
    }

    @Test
    void zeroTtlTruncatedAndFailuresAreNotCached() throws Exception {
        ResponseCache cache = new ResponseCache(new MutableClock(), 10);
        cache.put("a.test", RecordType.A, positive(0));
        cache.put("b.test", RecordType.A, new Response(Response.NOERROR, positive(60).answers, List.of(), SERVER,
                true, false));
        cache.put("c.test", RecordType.A, new Response(Response.SERVFAIL, List.of(), List.of(), SERVER, false, false));
        cache.put("d.test", RecordType.A, new Response(Response.NXDOMAIN, List.of(), List.of(), SERVER, false, false));
        assertEquals(0, cache.size());
    }

    @Test
    void negativeAnswersUseTheSoaMinimum() {
        MutableClock clock = new MutableClock();
        ResponseCache cache = new ResponseCache(clock, 10);
        SoaRecord soa = new SoaRecord("test", 300, "ns.test", "hostmaster.test", 1, 2, 3, 4, 30);
        cache.put("x.test", RecordType.A, new Response(Response.NXDOMAIN, List.of(), List.of(soa), SERVER, false,
                false));
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Response.NXDOMAIN, cache.get("x.test", RecordType.A).rcode);
        clock.advance(Duration.ofSeconds(1));
        assertNull(cache.get("x.test", RecordType.A));
    }

    @Test
    void leastRecentlyUsedGoesFirst() throws Exception {
        ResponseCache cache = new ResponseCache(new MutableClock(), 2);
        cache.put("a.test", RecordType.A, positive(60));
        cache.put("b.test", RecordType.A, positive(60));
        assertNotNull(cache.get("a.test", RecordType.A));
        cache.put("c.test", RecordType.A, positive(60));
        assertNull(cache.get("b.test", RecordType.A));
        assertNotNull(cache.get("a.test", RecordType.A));
    }
}

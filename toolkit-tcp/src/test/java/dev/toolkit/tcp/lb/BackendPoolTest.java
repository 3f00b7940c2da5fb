package dev.toolkit.tcp.lb;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choice of backends, and how failures and passed checks move a backend out and back. */
class BackendPoolTest {

    private static Backend backend(int port) {
        return new Backend(new InetSocketAddress("127.0.0.1", port), "test", 2, 2);
    }

    private static List<Integer> ports(List<Backend> list) {
        return list.stream().map(b -> b.address().getPort()).toList();
    }

    @Test
    void roundRobinRotatesAndPutsUnhealthyBackendsLast() {
        Backend a = backend(1);
        Backend b = backend(2);
        Backend c = backend(3);
        BackendPool pool = new BackendPool(List.of(a, b, c), BalanceStrategy.ROUND_ROBIN);
        assertEquals(List.of(1, 2, 3), ports(pool.candidates()));
        assertEquals(List.of(2, 3, 1), ports(pool.candidates()));
        b.failed("refused");
        assertTrue(b.healthy(), "one failure is not enough");
        b.failed("refused");
        assertFalse(b.healthy());
        assertEquals(List.of(3, 1, 2), ports(pool.candidates()));
        assertEquals(List.of(1, 3, 2), ports(pool.candidates()));
        b.succeeded();
        assertFalse(b.healthy(), "one passed check is not enough");
        b.succeeded();
        assertTrue(b.healthy());
        assertEquals(List.of(2, 3, 1), ports(pool.candidates()));
    }

    @Test
    void leastConnectionsPrefersTheFewestOpenConnections() {
        Backend a = backend(1);
        Backend b = backend(2);
        BackendPool pool = new BackendPool(List.of(a, b), BalanceStrategy.LEAST_CONNECTIONS);
        a.connectionOpened();
        a.connectionOpened();
        b.connectionOpened();
        assertEquals(List.of(2, 1), ports(pool.candidates()));
        assertEquals(List.of(2, 1), ports(pool.candidates()));
        b.connectionOpened();
        assertEquals(List.of(1, 2), ports(pool.candidates()), "a tie goes round robin");
        assertEquals(List.of(2, 1), ports(pool.candidates()));
        b.connectFailed("refused");
        b.connectFailed("refused");
        assertEquals(List.of(1, 2), ports(pool.candidates()));
        assertEquals(2, b.status().failedConnects());
        assertEquals(new BackendStatus(a.address(), true, 2, 2, 0), a.status());
    }
}

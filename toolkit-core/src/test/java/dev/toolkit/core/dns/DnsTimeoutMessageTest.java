package dev.toolkit.core.dns;

import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.error.NameResolutionException;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server that never answers: the message gives the per-query limit, the queries made and their total. */
class DnsTimeoutMessageTest {

    private static NameResolutionException askSilent(int attempts) throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DnsClient client = DnsClient.create(DnsClientConfig.builder()
                     .server((InetSocketAddress) silent.getLocalSocketAddress()).timeout(Duration.ofMillis(200))
                     .attempts(attempts).build())) {
            NameResolutionException e = assertThrows(NameResolutionException.class,
                    () -> client.query("www.test", RecordType.A));
            assertEquals(NameResolutionException.Reason.TIMEOUT, e.reason());
            return e;
        }
    }

    @Test
    void severalQueriesAreCountedAndAddedUp() throws Exception {
        String message = askSilent(2).getMessage();
        assertTrue(message.contains("no answer to 2 queries, 200 ms each (400 ms in all)"), message);
    }

    @Test
    void oneQueryIsOneLimit() throws Exception {
        String message = askSilent(1).getMessage();
        assertTrue(message.contains("no answer to 1 query of 200 ms"), message);
    }
}

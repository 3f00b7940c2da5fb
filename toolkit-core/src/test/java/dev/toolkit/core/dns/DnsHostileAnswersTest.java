package dev.toolkit.core.dns;

import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.error.NameResolutionException.Reason;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DNS client against a server on loopback that forges its answers, its TCP port refusing connections:
 * a truncated answer is an error naming truncation, a malformed one fails as malformed long before the
 * query's time-out (the answer future must be done well within it), and a good server is still answered.
 */
class DnsHostileAnswersTest {

    /** Far longer than a forged answer takes; a query that waits this long has missed the fast failure. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private static DnsClient client(ForgingDnsServer server) {
        return DnsClient.create(DnsClientConfig.builder().server(server.address()).timeout(QUERY_TIMEOUT).build());
    }

    private static NameResolutionException failure(UnaryOperator<byte[]> forge, RecordType type) throws Exception {
        try (ForgingDnsServer server = new ForgingDnsServer(forge); DnsClient c = client(server)) {
            CompletableFuture<DnsAnswer> answer = c.queryAsync("victim.test.", type);
            // Well inside the query time-out: a failure that waited for it would not be done yet.
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> answer.get(QUERY_TIMEOUT.toSeconds() / 3, TimeUnit.SECONDS));
            return assertInstanceOf(NameResolutionException.class, e.getCause());
        }
    }

    @Test
    void truncatedAnswerWithForgedRecordIsAnErrorNotTheRecord() throws Exception {
        NameResolutionException e = failure(ForgingDnsServer::truncatedWithA, RecordType.A);
        assertEquals(Reason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().contains("truncated answer from 127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("retry over TCP failed"), e.getMessage());
    }

    @Test
    void truncatedEmptyAnswerIsAnErrorNotNoRecords() throws Exception {
        NameResolutionException e = failure(ForgingDnsServer::truncatedEmpty, RecordType.MX);
        assertEquals(Reason.TRUNCATED, e.reason());
    }

    @Test
    void garbageFailsFastAsMalformed() throws Exception {
        NameResolutionException e = failure(ForgingDnsServer::garbage, RecordType.A);
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("malformed answer from 127.0.0.1:"), e.getMessage());
    }

    @Test
    void compressionLoopFailsFastAsMalformed() throws Exception {
        NameResolutionException e = failure(ForgingDnsServer::compressionLoop, RecordType.A);
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("compression loop"), e.getMessage());
    }

    @Test
    void wellFormedAnswerFromTheSameKindOfServerIsServed() throws Exception {
        try (ForgingDnsServer server = new ForgingDnsServer(ForgingDnsServer::oneA); DnsClient c = client(server)) {
            DnsAnswer a = c.queryAsync("victim.test.", RecordType.A).get(10, TimeUnit.SECONDS);
            assertEquals("192.0.2.99", a.records().get(0).toText());
        }
    }

    @Test
    void validatorNamesWhatIsWrong() {
        byte[] query = ForgingDnsServer.query("a.test");
        assertNull(AnswerValidator.problem(Unpooled.wrappedBuffer(ForgingDnsServer.oneA(query))));
        assertEquals("shorter than a DNS header (5 bytes)", AnswerValidator.problem(Unpooled.wrappedBuffer(new byte[5])));
        assertEquals("not a response (QR bit clear)", AnswerValidator.problem(Unpooled.wrappedBuffer(query)));
        assertTrue(AnswerValidator.problem(Unpooled.wrappedBuffer(ForgingDnsServer.garbage(query)))
                .contains("past the end"));
        assertTrue(AnswerValidator.problem(Unpooled.wrappedBuffer(ForgingDnsServer.compressionLoop(query)))
                .startsWith("the name of record 1 at offset 24 has a compression loop"));
        byte[] cut = ForgingDnsServer.oneA(query);
        assertTrue(AnswerValidator.problem(Unpooled.wrappedBuffer(cut, 0, cut.length - 2))
                .contains("record 1 claims 4 bytes of data past the end"));
    }
}

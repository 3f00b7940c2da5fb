package dev.toolkit.http.codec;

import dev.toolkit.testing.ApiGrammar;
import io.netty.handler.codec.http.HttpDecoderConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every limit exactly at its value (accepted) and one past (rejected with its status), split and coalesced. */
class RequestLimitsTest {

    private static final RequestLimits LIMITS = RequestLimits.builder()
            .maxRequestLineLength(64).maxHeaderSize(128).maxHeaderCount(4).maxChunkSize(32).build();
    private static final String AFTER = "GET /after HTTP/1.1\r\nHost: a\r\n\r\n";

    @Test
    void followsTheApiGrammar() {
        ApiGrammar.assertConfiguration(RequestLimits.class);
        RequestLimits defaults = RequestLimits.builder().build();
        assertEquals(8192, defaults.maxRequestLineLength());
        assertEquals(16384, defaults.maxHeaderSize());
        assertEquals(100, defaults.maxHeaderCount());
        assertEquals(8192, defaults.maxChunkSize());
        assertEquals(LIMITS, LIMITS.toBuilder().build());
        assertEquals(LIMITS.hashCode(), LIMITS.toBuilder().build().hashCode());
        assertEquals(65, LIMITS.toBuilder().maxRequestLineLength(65).build().maxRequestLineLength());
    }

    @Test
    void buildNamesEveryBrokenLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RequestLimits.builder()
                .maxRequestLineLength(13).maxHeaderSize(0).maxHeaderCount(-1).maxChunkSize(0).build());
        for (String setting : List.of("maxRequestLineLength", "maxHeaderSize", "maxHeaderCount", "maxChunkSize")) {
            assertTrue(e.getMessage().contains(setting), e.getMessage());
        }
    }

    @Test
    void theDecoderConfigurationIsExplicit() {
        HttpDecoderConfig config = ServerCodec.decoderConfig(LIMITS);
        assertEquals(65, config.getMaxInitialLineLength(), "one more: the scanner enforces the limit");
        assertEquals(129, config.getMaxHeaderSize(), "one more: the scanner enforces the limit");
        assertEquals(32, config.getMaxChunkSize());
        assertTrue(config.isStrictLineParsing());
        assertTrue(config.isUseRfc9112TransferEncoding());
        assertFalse(config.isAllowDuplicateContentLengths());
        assertTrue(config.isChunkedSupported());
        assertTrue(config.isAllowPartialChunks());
    }

    @Test
    void requestLineAtTheLimitIsAcceptedAndOnePastIs414() {
        String atLimit = requestLine(64);
        assertEquals(64, atLimit.length());
        assertAccepted(atLimit + "\r\nHost: a\r\n\r\n");
        assertRejected(requestLine(65) + "\r\nHost: a\r\n\r\n", "REJECTED 414");
    }

    @Test
    void headerSectionAtTheLimitIsAcceptedAndOnePastIs431() {
        assertAccepted("GET / HTTP/1.1\r\n" + headerSection(128) + "\r\n");
        assertRejected("GET / HTTP/1.1\r\n" + headerSection(129) + "\r\n", "REJECTED 431");
    }

    @Test
    void headerCountAtTheLimitIsAcceptedAndOnePastIs431() {
        assertAccepted("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n");
        assertRejected("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", "REJECTED 431");
    }

    @Test
    void trailerCountAtTheLimitIsAcceptedAndOnePastIs431() {
        String head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        assertAccepted(head + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n");
        assertRejected(head + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n", "POST / | REJECTED 431");
    }

    @Test
    void aChunkSizeLineOverTheLineLimitIs400() {
        String head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
        String extension = "1;" + "e".repeat(62);
        assertAccepted(head + extension + "\r\nx\r\n0\r\n\r\n");
        assertRejected(head + extension + "e\r\nx\r\n0\r\n\r\n", "POST / | REJECTED 400");
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreBoundedByTheLineLimit() {
        assertAccepted("\r\n".repeat(32) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertRejected("\r\n".repeat(32) + "\r" + "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "REJECTED 400");
    }

    @Test
    void trailersCountAgainstWhatTheHeaderSectionLeft() {
        String head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        int left = 128 - "Host: a".length() - "Transfer-Encoding: chunked".length();
        String trailer = "X-T: " + "t".repeat(left - "X-T: ".length());
        assertAccepted(head + trailer + "\r\n\r\n");
        assertRejected(head + trailer + "t\r\n\r\n", "POST / | REJECTED 431");
    }

    /** {@code GET /aaa HTTP/1.1} of {@code length} bytes. */
    private static String requestLine(int length) {
        return "GET /" + "a".repeat(length - "GET / HTTP/1.1".length()) + " HTTP/1.1";
    }

    /** Host and one padding field whose lines (without CRLFs) make {@code size} bytes. */
    private static String headerSection(int size) {
        int padding = size - "Host: a".length() - "X-Pad: ".length();
        return "Host: a\r\nX-Pad: " + "p".repeat(padding) + "\r\n";
    }

    private static void assertAccepted(String request) {
        CodecDriver.Outcome outcome = new CodecDriver(LIMITS).feedBothWays(request + AFTER);
        assertNull(outcome.rejection, () -> "rejected: " + outcome.rejection);
        assertTrue(outcome.summary().endsWith(" | GET /after"), outcome.summary());
    }

    private static void assertRejected(String request, String expected) {
        CodecDriver.Outcome outcome = new CodecDriver(LIMITS).feedBothWays(request + AFTER);
        assertEquals(expected, outcome.summary(), () -> String.valueOf(outcome.rejection));
    }
}

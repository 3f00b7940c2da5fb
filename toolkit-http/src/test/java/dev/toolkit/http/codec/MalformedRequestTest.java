package dev.toolkit.http.codec;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every malformed-request rule: the request is answered with its status, the request before it still decodes,
 * and nothing after it (the valid request coalesced behind it) reaches the server; the same split byte by byte.
 */
class MalformedRequestTest {

    private static final String BEFORE = "GET /before HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final String AFTER = "GET /after HTTP/1.1\r\nHost: a\r\n\r\n";
    private static final String POST = "POST / HTTP/1.1\r\nHost: a\r\n";
    /** A chunked request's head: its body follows. */
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";

    static Stream<Arguments> malformed() {
        return Stream.of(
                // framing: request smuggling
                bad("Content-Length with Transfer-Encoding", 400,
                        POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                bad("Transfer-Encoding with Content-Length", 400,
                        POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
                bad("two different Content-Lengths", 400, POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello"),
                bad("two equal Content-Lengths", 400, POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
                bad("a list of Content-Lengths", 400, POST + "Content-Length: 5, 5\r\n\r\nhello"),
                bad("two Content-Lengths on HTTP/1.0", 400,
                        "POST / HTTP/1.0\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello"),
                bad("Content-Length with a sign", 400, POST + "Content-Length: +5\r\n\r\nhello"),
                bad("Content-Length not a number", 400, POST + "Content-Length: 5a\r\n\r\nhello"),
                bad("empty Content-Length", 400, POST + "Content-Length: \r\n\r\n"),
                bad("Content-Length overflowing", 400, POST + "Content-Length: 99999999999999999999\r\n\r\n"),
                bad("last coding not chunked", 400, POST + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
                bad("only coding not chunked", 400, POST + "Transfer-Encoding: gzip\r\n\r\n"),
                bad("chunked twice in one field", 400, POST + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
                bad("chunked twice in two fields", 400,
                        POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                bad("Transfer-Encoding on HTTP/1.0", 400,
                        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                bad("empty Transfer-Encoding", 400, POST + "Transfer-Encoding: \r\n\r\n"),
                bad("a coding other than chunked before it", 501,
                        POST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
                bad("space before the colon", 400, POST + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
                bad("tab before the colon", 400, POST + "Transfer-Encoding\t: chunked\r\n\r\n0\r\n\r\n"),
                bad("space before the colon of another field", 400, "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
                bad("obsolete WebSocket handshake", 400, "GET / HTTP/1.1\r\nHost: a\r\nSec-WebSocket-Key1: 1\r\n"
                        + "Sec-WebSocket-Key2: 2\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n\r\n12345678"),
                // line folding and line ends
                bad("obs-fold with a space", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n"),
                bad("obs-fold with a tab", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tc\r\n\r\n"),
                bad("obs-fold in a trailer", 400,
                        CHUNKED + "0\r\nX-T: a\r\n b\r\n\r\n"),
                bad("whitespace before the first field", 400, "GET / HTTP/1.1\r\n Host: a\r\n\r\n"),
                bad("bare LF ending the request line", 400, "GET / HTTP/1.1\nHost: a\r\n\r\n"),
                bad("bare CR in the request line", 400, "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("bare CR as the first separator", 400, "GET\r/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("bare CR ending the request line", 400, "GET / HTTP/1.1\rHost: a\r\n\r\n"),
                bad("bare LF before the request line", 400, "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("bare CR before the request line", 400, "\rGET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("bare LF ending a field", 400, "GET / HTTP/1.1\r\nHost: a\nX-A: b\r\n\r\n"),
                bad("bare CR in a field value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n"),
                bad("bare LF ending the header section", 400, "GET / HTTP/1.1\r\nHost: a\r\n\n"),
                bad("bare CR ending the header section", 400, "GET / HTTP/1.1\r\nHost: a\r\n\rX"),
                bad("bare LF in a trailer", 400, CHUNKED + "0\r\nX-T: a\n\r\n"),
                bad("bare LF ending a chunk-size line", 400,
                        CHUNKED + "5\nhello\r\n0\r\n\r\n"),
                bad("bare CR in a chunk-size line", 400,
                        CHUNKED + "5\r\rhello\r\n0\r\n\r\n"),
                bad("bare CR in a chunk extension", 400,
                        CHUNKED + "5;a=b\rc\r\nhello\r\n0\r\n\r\n"),
                bad("bare LF in a chunk extension", 400,
                        CHUNKED + "5;a=b\nhello\r\n0\r\n\r\n"),
                bad("chunk data not followed by CRLF", 400,
                        CHUNKED + "5\r\nhelloX\r\n0\r\n\r\n"),
                bad("chunk data followed by a bare LF", 400,
                        CHUNKED + "5\r\nhello\n0\r\n\r\n"),
                bad("chunk data followed by a bare CR", 400,
                        CHUNKED + "5\r\nhello\r0\r\n\r\n"),
                bad("invalid chunk extension", 400,
                        CHUNKED + "5;a=\"b\r\nhello\r\n0\r\n\r\n"),
                // control bytes
                bad("NUL in a field value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\0b\r\n\r\n"),
                bad("0x01 in a field value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u0001b\r\n\r\n"),
                bad("DEL in a field value", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u007fb\r\n\r\n"),
                bad("NUL in a field name", 400, "GET / HTTP/1.1\r\nHost: a\r\nX\0A: b\r\n\r\n"),
                bad("NUL in the request-target", 400, "GET /a\0b HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("a non-ASCII byte in the request-target", 400, "GET /\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("NUL in a trailer", 400, CHUNKED + "0\r\nX-T: a\0b\r\n\r\n"),
                // chunk sizes
                bad("chunk size not hex", 400, CHUNKED + "zz\r\nhello\r\n0\r\n\r\n"),
                bad("negative chunk size", 400, CHUNKED + "-5\r\nhello\r\n0\r\n\r\n"),
                bad("chunk size with 0x", 400, CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n"),
                bad("chunk size overflowing", 400, CHUNKED + "ffffffffff\r\n"),
                bad("chunk size of too many digits", 400,
                        CHUNKED + "00000000000000000005\r\nhello\r\n0\r\n\r\n"),
                bad("empty chunk size", 400, CHUNKED + "\r\nhello\r\n0\r\n\r\n"),
                bad("chunk size followed by whitespace only", 400,
                        CHUNKED + "5 \r\nhello\r\n0\r\n\r\n"),
                // Host
                bad("no Host on HTTP/1.1", 400, "GET / HTTP/1.1\r\nX-A: b\r\n\r\n"),
                bad("Host twice", 400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                bad("Host twice on HTTP/1.0", 400, "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n"),
                bad("Host with a space", 400, "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
                bad("Host with a path", 400, "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n"),
                bad("empty Host", 400, "GET / HTTP/1.1\r\nHost: \r\n\r\n"),
                bad("Host with a bad port", 400, "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n"),
                // versions
                bad("HTTP/1.2", 505, "GET / HTTP/1.2\r\nHost: a\r\n\r\n"),
                bad("HTTP/2.0", 505, "GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
                bad("HTTP/0.9 request line", 400, "GET /\r\n\r\n"),
                bad("lowercase version", 400, "GET / http/1.1\r\nHost: a\r\n\r\n"),
                bad("malformed version", 400, "GET / HTTP/1.1x\r\nHost: a\r\n\r\n"),
                bad("other protocol", 400, "GET / HTCPCP/1.0\r\nHost: a\r\n\r\n"),
                // request line shape and request-target
                bad("two spaces after the method", 400, "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("two spaces before the version", 400, "GET /  HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("tab as a separator", 400, "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("VT as a separator", 400, "GET /\u000bHTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("FF as a separator", 400, "GET\u000c/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("space before the method", 400, " GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("space after the version", 400, "GET / HTTP/1.1 \r\nHost: a\r\n\r\n"),
                bad("four words", 400, "GET / HTTP/1.1 x\r\nHost: a\r\n\r\n"),
                bad("relative target", 400, "GET a/b HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("target with a fragment", 400, "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("target with a bad percent escape", 400, "GET /a%zz HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("target with a cut percent escape", 400, "GET /a%2 HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("asterisk for GET", 400, "GET * HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("absolute target with user information", 400, "GET http://u@a/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("absolute target of another scheme", 400, "GET ftp://a/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("field line without a colon", 400, "GET / HTTP/1.1\r\nHost: a\r\nX-A b\r\n\r\n"),
                bad("field line with an empty name", 400, "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n"),
                bad("field name not a token", 400, "GET / HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n"),
                // methods
                bad("unknown method", 501, "BREW / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("lowercase method", 501, "get / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("CONNECT", 501, "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n"),
                bad("QUERY (not in RFC 9110)", 501, "QUERY / HTTP/1.1\r\nHost: a\r\n\r\n"),
                bad("method not a token", 400, "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    private static Arguments bad(String rule, int status, String request) {
        return Arguments.of(rule, status, request);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformed")
    void rejectedWithItsStatusAndTheRestIgnored(String rule, int status, String request) {
        CodecDriver.Outcome outcome = new CodecDriver().feedBothWays(BEFORE + request + AFTER);
        assertRejected("GET /before | ", rule, status, request, outcome);
        assertFalse(outcome.rejection.getMessage().isBlank());
    }

    /** The case above split byte by byte already; here in one read, as a connection's first bytes. */
    @ParameterizedTest(name = "{0} -> {1}, first on the connection")
    @MethodSource("malformed")
    void rejectedAsTheFirstRequest(String rule, int status, String request) {
        CodecDriver.Outcome outcome = new CodecDriver().feed(CodecDriver.bytes(request), request.length());
        assertRejected("", rule, status, request, outcome);
    }

    /**
     * A failure in the head comes instead of the request; one in the body after the request's head (and the
     * body bytes before it), as the last content.
     */
    private static void assertRejected(String before, String rule, int status, String request,
            CodecDriver.Outcome outcome) {
        String summary = outcome.summary();
        String why = rule + ": " + CodecDriver.escape(request) + " -> " + summary + ", " + outcome.rejection;
        assertNotNull(outcome.rejection, why);
        if (outcome.rejectedMessage instanceof HttpRequest) {
            assertEquals(before + "REJECTED " + status, summary, why);
        } else {
            assertInstanceOf(LastHttpContent.class, outcome.rejectedMessage, why);
            assertTrue(summary.matches(Pattern.quote(before) + "POST /( body=[^|]*)? \\| REJECTED " + status), why);
        }
    }
}

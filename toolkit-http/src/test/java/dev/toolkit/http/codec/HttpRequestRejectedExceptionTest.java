package dev.toolkit.http.codec;

import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Netty's decoder failures map to their statuses, by cause and by where they happened. */
class HttpRequestRejectedExceptionTest {

    @Test
    void mapsNettysFailuresByCause() {
        assertStatus(414, new TooLongHttpLineException("An HTTP line is larger than 8192 bytes."), false);
        assertStatus(400, new TooLongHttpLineException("An HTTP line is larger than 8192 bytes."), true);
        assertStatus(431, new TooLongHttpHeaderException("HTTP header is larger than 16384 bytes."), false);
        assertStatus(431, new TooLongHttpHeaderException("HTTP header is larger than 16384 bytes."), true);
        assertStatus(413, new TooLongHttpContentException("too long"), true);
        assertStatus(400, new IllegalArgumentException("Validation failed for header 'X-A'"), false);
        assertStatus(400, new NumberFormatException("Invalid chunk size"), true);
        assertStatus(400, new PrematureChannelClosureException("closed"), false);
    }

    @Test
    void aRejectionIsItsOwnMapping() {
        HttpRequestRejectedException rejection = new HttpRequestRejectedException(
                HttpResponseStatus.NOT_IMPLEMENTED, "method not implemented", "b'BREW'", null);
        assertSame(rejection, HttpRequestRejectedException.of(rejection, false));
        assertEquals("method not implemented; received b'BREW'", rejection.getMessage());
        assertInstanceOf(ProtocolViolationException.class, rejection);
    }

    @Test
    void aFailedMessageMapsByWhereItFailed() {
        HttpObject head = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request",
                Unpooled.EMPTY_BUFFER);
        head.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException("long")));
        assertEquals(414, HttpRequestRejectedException.of(head).status().code(), "a head Netty could not read");
        HttpObject body = new DefaultHttpContent(Unpooled.EMPTY_BUFFER);
        body.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException("long")));
        assertEquals(400, HttpRequestRejectedException.of(body).status().code(), "a chunk-size line");
    }

    @Test
    void aMessageThatDidNotFailIsRefused() {
        HttpObject fine = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        assertThrows(IllegalArgumentException.class, () -> HttpRequestRejectedException.of(fine));
    }

    @Test
    void nettysMessageIsQuotedPrintably() {
        HttpRequestRejectedException rejection = HttpRequestRejectedException.of(
                new IllegalArgumentException("bad \r\n\u0000 value"), false);
        assertTrue(rejection.getMessage().contains("bad \\x0d\\x0a\\x00 value"), rejection.getMessage());
        assertTrue(rejection.getMessage().contains("IllegalArgumentException"), rejection.getMessage());
    }

    private static void assertStatus(int status, Throwable cause, boolean inBody) {
        HttpRequestRejectedException rejection = HttpRequestRejectedException.of(cause, inBody);
        assertEquals(status, rejection.status().code(), cause + (inBody ? " in the body" : " in the head"));
        assertSame(cause, rejection.getCause());
    }
}

package dev.toolkit.http.codec;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One connection's rejection: whether its request stream failed (after which its input is ignored), and the
 * failed messages the codec's own checks pass on, shaped as Netty's decoder shapes its own.
 */
final class Rejection {

    private boolean rejected;

    /** Whether a message of this connection failed: the rest of its input is not read. */
    boolean rejected() {
        return rejected;
    }

    /** Marks the connection's request stream as failed. */
    void reject() {
        rejected = true;
    }

    /** A failed request in place of a head that could not be decoded (as Netty's own: HTTP/1.0 GET /bad-request). */
    static HttpObject failedHead(HttpRequestRejectedException cause) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET,
                "/bad-request", Unpooled.EMPTY_BUFFER);
        request.setDecoderResult(DecoderResult.failure(cause));
        return request;
    }

    /** The failed last piece of a body whose framing broke (as Netty's own: an empty last content). */
    static HttpObject failedBody(HttpRequestRejectedException cause) {
        DefaultLastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
        last.setDecoderResult(DecoderResult.failure(cause));
        return last;
    }
}

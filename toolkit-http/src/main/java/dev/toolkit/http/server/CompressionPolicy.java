package dev.toolkit.http.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Netty's {@link HttpContentCompressor} (gzip or deflate, as the request's {@code Accept-Encoding} prefers),
 * applied only to the responses the server marked compressible: a compressible type, at least the minimum
 * size, never a file (a {@code FileRegion} or a range). A compressed response's {@code ETag} gets the
 * encoding as a suffix, since its bytes differ from the identity representation. One per connection, put in the
 * pipeline by the exchange handler only when the first request that accepts an encoding arrives, so that a
 * connection whose client never asks for one does not pay for the codec on every request.
 */
final class CompressionPolicy extends HttpContentCompressor {

    private boolean nextCompressible;
    private ChannelHandlerContext context;

    CompressionPolicy(int minSize) {
        super(minSize, StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        context = ctx;
    }

    /** Its context in the pipeline, or null while it is not in one. */
    ChannelHandlerContext context() {
        return context;
    }

    /**
     * Takes note of a request that passed before this handler was in the pipeline, as if it had come through,
     * so that its answer is paired with its {@code Accept-Encoding}.
     */
    void requestPassed(HttpRequest request) throws Exception {
        List<Object> passedOn = new ArrayList<>(1);
        decode(context, request, passedOn);
        // decode() hands on the request retained: the caller still owns the original
        passedOn.forEach(ReferenceCountUtil::release);
    }

    /** Whether the response written next may be compressed (set right before writing its head). */
    void nextResponse(boolean compressible) {
        this.nextCompressible = compressible;
    }

    @Override
    protected Result beginEncode(HttpResponse response, String acceptEncoding) throws Exception {
        boolean allowed = nextCompressible;
        nextCompressible = false;
        if (!allowed) {
            return null;
        }
        Result result = super.beginEncode(response, acceptEncoding);
        if (result != null) {
            String etag = response.headers().get(HttpHeaderNames.ETAG);
            if (etag != null && etag.endsWith("\"")) {
                response.headers().set(HttpHeaderNames.ETAG, etag.substring(0, etag.length() - 1) + "-"
                        + result.targetContentEncoding() + "\"");
            }
        }
        return result;
    }

    /** Whether a body of {@code contentType} is worth compressing (text, JSON, XML, JavaScript, SVG). */
    static boolean compressibleType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).trim();
        }
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("image/svg+xml") || type.equals("application/x-www-form-urlencoded");
    }
}

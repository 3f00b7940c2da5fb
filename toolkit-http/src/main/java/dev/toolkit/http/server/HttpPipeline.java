package dev.toolkit.http.server;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.lang.reflect.Method;

/**
 * The HTTP codec of a server connection and what a decoder failure is answered with: the one place that knows
 * how requests are decoded.
 */
final class HttpPipeline {

    /** The name of the HTTP codec in the pipeline. */
    static final String CODEC = "http-codec";

    /** The size of the content pieces the decoder hands on. */
    static final int MAX_CHUNK_SIZE = 8192;

    private HttpPipeline() {
    }

    /** The decoder's settings, every one given explicitly (never Netty's system-property defaults). */
    static HttpDecoderConfig decoderConfig(HttpServerConfig config) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxRequestLineLength())
                .setMaxHeaderSize(config.maxHeaderSize())
                .setMaxChunkSize(MAX_CHUNK_SIZE)
                .setInitialBufferSize(128)
                .setChunkedSupported(true)
                .setAllowPartialChunks(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(true)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true);
    }

    /** Adds the HTTP codec (request decoder and response encoder) at the end of {@code pipeline}. */
    static void installCodec(ChannelPipeline pipeline, HttpServerConfig config) {
        pipeline.addLast(CODEC, new HttpServerCodec(decoderConfig(config)));
    }

    /**
     * The status that answers a failed {@code result}: the status a rejection names itself (an exception
     * with an {@code HttpResponseStatus status()} method, as the codec's rejections have), else 414 for a
     * request line too long, 431 for a header section too long, 400 for anything else.
     */
    static HttpResponseStatus rejectionStatus(DecoderResult result) {
        return rejectionStatus(result.cause());
    }

    /** The status that answers a request the decoder refused with {@code cause}. */
    static HttpResponseStatus rejectionStatus(Throwable cause) {
        HttpResponseStatus named = statusNamedBy(cause);
        if (named != null) {
            return named;
        }
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }

    private static HttpResponseStatus statusNamedBy(Throwable cause) {
        if (cause == null) {
            return null;
        }
        try {
            Method status = cause.getClass().getMethod("status");
            if (status.getReturnType() == HttpResponseStatus.class && status.getParameterCount() == 0) {
                return (HttpResponseStatus) status.invoke(cause);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        return null;
    }
}

package dev.toolkit.http.server;

import dev.toolkit.http.codec.HttpRequestRejectedException;
import dev.toolkit.http.codec.RequestLimits;
import dev.toolkit.http.codec.ServerCodec;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The HTTP codec of a server connection and what a decoder failure is answered with: the one place where the
 * server meets the codec package ({@link ServerCodec}: byte-level checks, Netty's codec from an explicit
 * decoder configuration, framing validation; {@link HttpRequestRejectedException}: the status of a failure).
 */
final class HttpPipeline {

    private HttpPipeline() {
    }

    /** The codec's limits, from the server's configuration. */
    static RequestLimits limits(HttpServerConfig config) {
        return RequestLimits.builder()
                .maxRequestLineLength(config.maxRequestLineLength())
                .maxHeaderSize(config.maxHeaderSize())
                .maxHeaderCount(config.maxHeaderCount())
                .build();
    }

    /** Adds the request codec and the response encoder at the end of {@code pipeline}. */
    static void installCodec(ChannelPipeline pipeline, HttpServerConfig config) {
        ServerCodec.install(pipeline, limits(config));
    }

    /**
     * The status that answers a request the codec refused with {@code cause}.
     *
     * @param inBody whether the failure was in the body (chunk framing, trailers) rather than the head
     */
    static HttpResponseStatus rejectionStatus(Throwable cause, boolean inBody) {
        return HttpRequestRejectedException.of(cause, inBody).status();
    }
}

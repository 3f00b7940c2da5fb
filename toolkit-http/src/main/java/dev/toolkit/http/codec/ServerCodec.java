package dev.toolkit.http.codec;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Installs a server connection's HTTP/1.1 codec: Netty's {@link HttpServerCodec} (its request decoder and the
 * response encoder that knows which answers are to HEAD requests) with the toolkit's checks around it. In
 * pipeline order, under these names:
 *
 * <ol>
 * <li>{@value #SCANNER}: the byte-level checks Netty's decoder does not make (bare CR and LF, obs-fold,
 *     whitespace before a colon, the request line's shape, a second {@code Content-Length}, chunk framing) and
 *     the exact line and header limits, reading no byte twice and copying none;</li>
 * <li>{@value #CODEC}: Netty's {@link HttpServerCodec}, its decoder built from {@link #decoderConfig},
 *     at most {@value #MAX_PIPELINE_DEPTH} requests decoded ahead of their answers;</li>
 * <li>{@value #VALIDATOR}: what the decoded head must be beyond Netty's checks (version, method,
 *     request-target, header count, {@code Host}, transfer codings);</li>
 * <li>{@value #GATE}: maps every failure to an {@link HttpRequestRejectedException} and drops all input after
 *     the first.</li>
 * </ol>
 *
 * <p>The contract: every {@code HttpObject} that leaves {@value #GATE} either decoded cleanly or has
 * {@code decoderResult().isFailure()} with an {@link HttpRequestRejectedException} as its cause, carrying the
 * status to answer with. A failure in the head comes as an {@code HttpRequest} (no content follows it), one in
 * the body as a {@code LastHttpContent}. After it nothing more arrives: the server answers it with
 * {@code Connection: close} and closes. The rules are listed in the {@linkplain dev.toolkit.http.codec package
 * documentation}.
 *
 * <p>A server that refuses an {@code Expect: 100-continue} and keeps the connection fires Netty's
 * {@code HttpExpectationFailedEvent} from the pipeline's head ({@code pipeline.fireUserEventTriggered}), so that
 * both the scanner and the decoder skip the unsent body. A protocol switch (101) removes {@value #SCANNER},
 * {@value #CODEC}, {@value #VALIDATOR} and {@value #GATE} together.
 */
public final class ServerCodec {

    /** The name of the byte-level request checks, first of the codec's handlers. */
    public static final String SCANNER = "http-request-scanner";
    /** The name of Netty's {@link HttpServerCodec}: the request decoder and the response encoder. */
    public static final String CODEC = "http-server-codec";
    /** The name of the decoded-head checks. */
    public static final String VALIDATOR = "http-request-validator";
    /** The name of the handler that maps failures and drops input after the first; the server's handlers follow. */
    public static final String GATE = "http-request-gate";
    /**
     * How many requests Netty's codec decodes ahead of their answers (its own default, given explicitly); one
     * more is a 429 rejection. The server bounds what it reads ahead well below this by pausing reads.
     */
    public static final int MAX_PIPELINE_DEPTH = 128;

    private ServerCodec() {
    }

    /**
     * Adds the codec's handlers at the end of {@code pipeline}, in the order and under the names above.
     *
     * @param pipeline a server connection's pipeline
     * @param limits the limits requests are decoded under
     * @return {@code pipeline}
     */
    public static ChannelPipeline install(ChannelPipeline pipeline, RequestLimits limits) {
        return addAll(pipeline, limits, null);
    }

    /**
     * Adds the codec's handlers before the handler named {@code before}, in the order and under the names above.
     *
     * @param pipeline a server connection's pipeline
     * @param before the name of the handler the codec goes in front of (the server's first handler, say)
     * @param limits the limits requests are decoded under
     * @return {@code pipeline}
     * @throws NoSuchElementException if {@code pipeline} has no handler named {@code before}
     */
    public static ChannelPipeline installBefore(ChannelPipeline pipeline, String before, RequestLimits limits) {
        Objects.requireNonNull(before, "before");
        if (pipeline.get(before) == null) {
            throw new NoSuchElementException("no handler named " + before + " in " + pipeline.names());
        }
        return addAll(pipeline, limits, before);
    }

    private static ChannelPipeline addAll(ChannelPipeline pipeline, RequestLimits limits, String before) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(limits, "limits");
        Rejection rejection = new Rejection();
        add(pipeline, before, SCANNER, new RequestByteScanner(rejection, limits));
        add(pipeline, before, CODEC, new HttpServerCodec(decoderConfig(limits), MAX_PIPELINE_DEPTH));
        add(pipeline, before, VALIDATOR, new RequestHeadValidator(limits));
        add(pipeline, before, GATE, new RejectionGate(rejection));
        return pipeline;
    }

    private static void add(ChannelPipeline pipeline, String before, String name, ChannelHandler handler) {
        if (before == null) {
            pipeline.addLast(name, handler);
        } else {
            pipeline.addBefore(before, name, handler);
        }
    }

    /**
     * The request decoder's configuration, every setting explicit (none from Netty's system properties): the
     * limits' chunk size, and their line and header sizes plus one byte (Netty counts a CR whose LF has not
     * arrived yet against its limit, so input split before that LF would be refused a byte sooner than the same
     * input in one read; {@value #SCANNER} enforces the exact limits before the decoder sees the byte past one);
     * strict line parsing (a bare LF ends no line); header names and values validated (token names, no control
     * byte but HTAB in a value); RFC 9112's Transfer-Encoding rules (none on HTTP/1.0, none together with
     * Content-Length); duplicate Content-Lengths refused even when equal; chunked bodies read, their pieces
     * passed on as they arrive (partial chunks).
     *
     * @param limits the limits to decode under
     * @return a new configuration
     */
    public static HttpDecoderConfig decoderConfig(RequestLimits limits) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLineLength() + 1)
                .setMaxHeaderSize(limits.maxHeaderSize() + 1)
                .setMaxChunkSize(limits.maxChunkSize())
                .setInitialBufferSize(128)
                .setValidateHeaders(true)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setChunkedSupported(true)
                .setAllowPartialChunks(true);
    }
}

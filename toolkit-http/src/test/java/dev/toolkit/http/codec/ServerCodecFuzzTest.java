package dev.toolkit.http.codec;

import dev.toolkit.testing.fuzz.FuzzTarget;
import dev.toolkit.testing.fuzz.Fuzzing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fuzzes a server connection's whole request codec ({@link ServerCodec}: scanner, Netty's decoder, validator,
 * gate) with arbitrary bytes split arbitrarily. Input layout: byte 0 picks the read size (1 to 256 bytes), the
 * rest is what the client sends.
 *
 * <p>Nothing may throw out of the pipeline (no error is a clear one here), every buffer is released, and every
 * outcome is a decoded request (a head, then its body pieces up to the last) or one rejection carrying a status
 * the codec documents, after which nothing more arrives. A decoded request keeps the validator's promises:
 * HTTP/1.0 or 1.1, a served method, at most one Host (exactly one on 1.1), headers within the count limit.
 */
class ServerCodecFuzzTest {

    /** The codec throws nothing: any exception out of the pipeline fails the target. */
    private static final Predicate<Throwable> NOTHING_IS_CLEAR = t -> false;
    private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 429, 431, 501, 505);
    private static final RequestLimits LIMITS = RequestLimits.builder()
            .maxRequestLineLength(256).maxHeaderSize(1024).maxHeaderCount(16).maxChunkSize(64).build();

    @FuzzTarget
    void decode(byte[] input) {
        Fuzzing.exercise(() -> decodeOnce(input), NOTHING_IS_CLEAR);
    }

    private static void decodeOnce(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int chunk = (input[0] & 0xff) + 1;
        List<ByteBuf> written = Fuzzing.chunks(input, 1, chunk);
        EmbeddedChannel channel = new EmbeddedChannel();
        ServerCodec.install(channel.pipeline(), LIMITS);
        List<Object> produced = new ArrayList<>();
        Fuzzing.writeEachInbound(channel, written, NOTHING_IS_CLEAR);
        for (Object m; (m = channel.readInbound()) != null; ) {
            produced.add(m);
        }
        produced.addAll(Fuzzing.finish(channel, NOTHING_IS_CLEAR));
        try {
            check(produced);
        } finally {
            Fuzzing.releaseAll(produced);
        }
        Fuzzing.assertAllReleased("client bytes", written);
        // contents, not messages: Netty's empty last content and the failed ones hold the unreleasable empty buffer
        List<ByteBuf> contents = new ArrayList<>();
        for (Object msg : produced) {
            if (msg instanceof HttpContent) {
                contents.add(((HttpContent) msg).content());
            }
        }
        Fuzzing.assertAllReleased("decoded contents", contents);
    }

    private static void check(List<Object> produced) {
        boolean inBody = false;
        boolean rejected = false;
        for (Object msg : produced) {
            if (rejected) {
                throw new AssertionError("a message after the rejection: " + msg);
            }
            if (!(msg instanceof HttpObject)) {
                throw new AssertionError("not an HttpObject: " + msg);
            }
            HttpObject object = (HttpObject) msg;
            if (object.decoderResult().isFailure()) {
                Throwable cause = object.decoderResult().cause();
                if (!(cause instanceof HttpRequestRejectedException)) {
                    throw new AssertionError("a failure that is no rejection: " + cause, cause);
                }
                int status = ((HttpRequestRejectedException) cause).status().code();
                if (!STATUSES.contains(status) || cause.getMessage() == null || cause.getMessage().isBlank()) {
                    throw new AssertionError("a rejection without a documented status or message: " + cause);
                }
                rejected = true;
                continue;
            }
            if (msg instanceof HttpRequest) {
                if (inBody) {
                    throw new AssertionError("a request head inside the previous request's body: " + msg);
                }
                checkHead((HttpRequest) msg);
                inBody = !(msg instanceof LastHttpContent);
            } else if (msg instanceof HttpContent) {
                if (!inBody) {
                    throw new AssertionError("body content outside a request: " + msg);
                }
                if (((HttpContent) msg).content().readableBytes() > LIMITS.maxChunkSize()) {
                    throw new AssertionError("a body piece over maxChunkSize: " + msg);
                }
                inBody = !(msg instanceof LastHttpContent);
            } else {
                throw new AssertionError("an unexpected message: " + msg);
            }
        }
    }

    private static void checkHead(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
        boolean keeps = (version.equals(HttpVersion.HTTP_1_0) || version.equals(HttpVersion.HTTP_1_1))
                && RequestHeadValidator.SERVED_METHODS.contains(request.method())
                && hosts <= 1 && (hosts == 1 || version.equals(HttpVersion.HTTP_1_0))
                && request.headers().size() <= LIMITS.maxHeaderCount();
        if (!keeps) {
            throw new AssertionError("a decoded request the validator should have refused: " + request);
        }
    }
}

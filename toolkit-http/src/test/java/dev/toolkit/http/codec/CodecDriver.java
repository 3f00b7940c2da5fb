package dev.toolkit.http.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds bytes to a connection with {@link ServerCodec} installed and sums up what reached the server's side as
 * one line per request: {@code GET /a} then {@code body=...} and {@code trailer k=v} parts, or
 * {@code REJECTED 400}. Checks every buffer it wrote was released.
 */
final class CodecDriver {

    /** What the server saw. */
    static final class Outcome {
        final List<String> requests = new ArrayList<>();
        HttpRequestRejectedException rejection;
        Object rejectedMessage;

        String summary() {
            return String.join(" | ", requests);
        }
    }

    private final RequestLimits limits;

    CodecDriver(RequestLimits limits) {
        this.limits = limits;
    }

    CodecDriver() {
        this(RequestLimits.builder().build());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code input} in reads of {@code chunk} bytes (1: byte by byte), then closes the input. */
    Outcome feed(byte[] input, int chunk) {
        EmbeddedChannel channel = new EmbeddedChannel();
        ServerCodec.install(channel.pipeline(), limits);
        List<ByteBuf> written = new ArrayList<>();
        Outcome outcome = new Outcome();
        StringBuilder current = null;
        for (int i = 0; i < input.length; i += chunk) {
            ByteBuf buf = Unpooled.copiedBuffer(input, i, Math.min(chunk, input.length - i));
            written.add(buf);
            channel.writeInbound(buf);
            current = drain(channel, outcome, current);
        }
        channel.finish();
        current = drain(channel, outcome, current);
        if (current != null) {
            outcome.requests.add(current + " (unfinished)");
        }
        for (ByteBuf buf : written) {
            assertEquals(0, buf.refCnt(), "a buffer the client sent was not released");
        }
        return outcome;
    }

    /** Both ways: byte by byte and in one read; the two must agree. */
    Outcome feedBothWays(String input) {
        Outcome split = feed(bytes(input), 1);
        Outcome whole = feed(bytes(input), Math.max(1, input.length()));
        assertEquals(whole.summary(), split.summary(), "split byte by byte and coalesced differ for "
                + escape(input));
        return whole;
    }

    private static StringBuilder drain(EmbeddedChannel channel, Outcome outcome, StringBuilder current) {
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            try {
                HttpObject object = assertInstanceOf(HttpObject.class, msg);
                if (object.decoderResult().isFailure()) {
                    assertTrue(outcome.rejection == null, "a second failure passed the gate: " + msg);
                    outcome.rejection = assertInstanceOf(HttpRequestRejectedException.class,
                            object.decoderResult().cause());
                    outcome.rejectedMessage = msg;
                    if (current != null) {
                        outcome.requests.add(current.toString());
                        current = null;
                    }
                    outcome.requests.add("REJECTED " + outcome.rejection.status().code());
                    continue;
                }
                assertTrue(outcome.rejection == null, "a message passed after the rejection: " + msg);
                if (msg instanceof HttpRequest) {
                    HttpRequest request = (HttpRequest) msg;
                    current = new StringBuilder(request.method() + " " + request.uri());
                }
                if (msg instanceof HttpContent) {
                    ByteBuf content = ((HttpContent) msg).content();
                    if (content.isReadable()) {
                        // pieces differ with the reads' sizes: one body= part per request
                        int body = current.indexOf(" body=");
                        if (body < 0) {
                            current.append(" body=");
                        }
                        current.append(content.toString(StandardCharsets.ISO_8859_1));
                    }
                }
                if (msg instanceof LastHttpContent) {
                    for (Map.Entry<String, String> e : ((LastHttpContent) msg).trailingHeaders()) {
                        current.append(" trailer ").append(e.getKey()).append('=').append(e.getValue());
                    }
                    outcome.requests.add(current.toString());
                    current = null;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return current;
    }

    static String escape(String input) {
        return input.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t").replace("\0", "\\0");
    }

    /** For tests of the refused-expectation path. */
    static final Object EXPECTATION_FAILED = HttpExpectationFailedEvent.INSTANCE;
}

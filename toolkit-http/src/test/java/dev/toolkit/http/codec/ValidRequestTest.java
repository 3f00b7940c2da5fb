package dev.toolkit.http.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Valid requests of every shape decode the same split byte by byte and in one read, pipelined ones too. */
class ValidRequestTest {

    private static final String HOST = "Host: a\r\n";

    static Stream<Arguments> valid() {
        return Stream.of(
                ok("GET / HTTP/1.1\r\n" + HOST + "\r\n", "GET /"),
                ok("GET /a%20b?x=1&y=%2F;z=@:! HTTP/1.1\r\n" + HOST + "\r\n", "GET /a%20b?x=1&y=%2F;z=@:!"),
                ok("HEAD / HTTP/1.1\r\n" + HOST + "\r\n", "HEAD /"),
                ok("OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n", "OPTIONS *"),
                ok("GET http://a:8080/p?q HTTP/1.1\r\nHost: a:8080\r\n\r\n", "GET http://a:8080/p?q"),
                ok("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", "GET /"),
                ok("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "GET /"),
                ok("DELETE /x HTTP/1.1\r\n" + HOST + "\r\n", "DELETE /x"),
                ok("TRACE / HTTP/1.1\r\n" + HOST + "\r\n", "TRACE /"),
                ok("PUT /x HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n\r\nabc", "PUT /x body=abc"),
                ok("PATCH /x HTTP/1.1\r\n" + HOST + "content-length: 3\r\n\r\nabc", "PATCH /x body=abc"),
                ok("POST / HTTP/1.1\r\n" + HOST + "CONTENT-LENGTH:  3 \r\n\r\nabc", "POST / body=abc"),
                ok("POST / HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n\r\n", "POST /"),
                ok("\r\n\r\nGET / HTTP/1.1\r\n" + HOST + "\r\n", "GET /"),
                ok("GET / HTTP/1.0\r\n\r\n", "GET /"),
                ok("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi", "POST / body=hi"),
                ok("GET / HTTP/1.1\r\n" + HOST + "X-A: a\tb \t\r\nX-B: caf\u00e9\r\nX-C:\r\n\r\n", "GET /"),
                ok("POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                        + "5;name=value;q=\"x y\"\r\nhello\r\n6 ;e\r\n world\r\nA\r\n0123456789\r\n0\r\n"
                        + "X-Checksum: abc\r\nX-Other: d\r\n\r\n",
                        "POST / body=hello world0123456789 trailer X-Checksum=abc trailer X-Other=d"),
                ok("POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: Chunked\r\n\r\n0\r\n\r\n", "POST /"),
                ok("POST / HTTP/1.1\r\n" + HOST + "transfer-encoding: chunked\r\n\r\n000003\r\nabc\r\n0\r\n\r\n",
                        "POST / body=abc"),
                ok("GET /1 HTTP/1.1\r\n" + HOST + "\r\n"
                        + "POST /2 HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\n\r\nGET "
                        + "POST /3 HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n4\r\nGET \r\n0\r\n\r\n"
                        + "GET /4 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                        + "GET /5 HTTP/1.1\r\n" + HOST + "\r\n",
                        "GET /1 | POST /2 body=GET  | POST /3 body=GET  | GET /4 | GET /5"));
    }

    private static Arguments ok(String request, String expected) {
        return Arguments.of(request, expected);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void decodes(String request, String expected) {
        CodecDriver.Outcome outcome = new CodecDriver().feedBothWays(request);
        assertNull(outcome.rejection, () -> CodecDriver.escape(request) + " was rejected: " + outcome.rejection);
        assertEquals(expected, outcome.summary());
    }

    @Test
    void aBodyLongerThanTheChunkSizeArrivesInPiecesOfAtMostThatSize() {
        RequestLimits limits = RequestLimits.builder().maxChunkSize(16).build();
        String body = "0123456789".repeat(10);
        String request = "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 100\r\n\r\n" + body
                + "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n64\r\n" + body + "\r\n0\r\n\r\n";
        CodecDriver.Outcome outcome = new CodecDriver(limits).feedBothWays(request);
        assertEquals("POST / body=" + body + " | POST / body=" + body, outcome.summary());
        EmbeddedChannel channel = new EmbeddedChannel();
        ServerCodec.install(channel.pipeline(), limits);
        channel.writeInbound(Unpooled.copiedBuffer(CodecDriver.bytes(request)));
        List<Integer> pieces = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            if (msg instanceof HttpContent) {
                pieces.add(((HttpContent) msg).content().readableBytes());
            }
            ReferenceCountUtil.release(msg);
        }
        assertTrue(pieces.stream().allMatch(size -> size <= 16), "pieces " + pieces);
        assertEquals(200, pieces.stream().mapToInt(Integer::intValue).sum());
        channel.finishAndReleaseAll();
    }

    @Test
    void aRefusedExpectationSkipsTheUnsentBodyInTheScanAsInTheDecoder() {
        for (String framing : List.of("Content-Length: 5\r\n", "Transfer-Encoding: chunked\r\n")) {
            EmbeddedChannel channel = new EmbeddedChannel();
            ServerCodec.install(channel.pipeline(), RequestLimits.builder().build());
            channel.writeInbound(Unpooled.copiedBuffer(CodecDriver.bytes(
                    "POST /big HTTP/1.1\r\n" + HOST + framing + "Expect: 100-continue\r\n\r\n")));
            assertEquals("POST /big", describe(channel.readInbound()));
            channel.pipeline().fireUserEventTriggered(HttpExpectationFailedEvent.INSTANCE);
            ByteBuf next = Unpooled.copiedBuffer(CodecDriver.bytes("GET /next HTTP/1.1\r\n" + HOST + "\r\n"));
            channel.writeInbound(next);
            assertEquals("GET /next", describe(channel.readInbound()), framing);
            assertEquals(0, next.refCnt());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void anAnswerToHeadIsEncodedWithoutABody() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ServerCodec.install(channel.pipeline(), RequestLimits.builder().build());
        channel.writeInbound(Unpooled.copiedBuffer(CodecDriver.bytes("HEAD / HTTP/1.1\r\n" + HOST + "\r\n")));
        assertEquals("HEAD /", describe(channel.readInbound()));
        ReferenceCountUtil.release(channel.readInbound());
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(response, true);
        channel.writeOutbound(response, LastHttpContent.EMPTY_LAST_CONTENT);
        StringBuilder written = new StringBuilder();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            written.append(((ByteBuf) msg).toString(StandardCharsets.ISO_8859_1));
            ReferenceCountUtil.release(msg);
        }
        assertTrue(written.toString().endsWith("transfer-encoding: chunked\r\n\r\n"), written.toString());
        channel.finishAndReleaseAll();
    }

    @Test
    void onePastThePipelineDepthIs429() {
        String request = "GET / HTTP/1.1\r\n" + HOST + "\r\n";
        CodecDriver.Outcome outcome = new CodecDriver().feed(
                CodecDriver.bytes(request.repeat(ServerCodec.MAX_PIPELINE_DEPTH + 2)), Integer.MAX_VALUE / 2);
        assertEquals(ServerCodec.MAX_PIPELINE_DEPTH + 1, outcome.requests.size(), outcome.summary());
        assertEquals("REJECTED 429", outcome.requests.get(ServerCodec.MAX_PIPELINE_DEPTH));
    }

    private static String describe(Object msg) {
        try {
            HttpObject object = (HttpObject) msg;
            assertTrue(object.decoderResult().isSuccess(), () -> "failed: " + object.decoderResult());
            io.netty.handler.codec.http.HttpRequest request = (io.netty.handler.codec.http.HttpRequest) msg;
            return request.method() + " " + request.uri();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }
}

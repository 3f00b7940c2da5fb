package dev.toolkit.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's handlers on an {@link EmbeddedChannel}: requests in split and coalesced input, every limit at
 * its value and one past it, pipelining order, keep-alive and close, HEAD, expectations, compression.
 */
class HttpExchangeTest {

    private final List<HttpProtocol> protocols = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
        protocols.forEach(HttpProtocol::shutdown);
    }

    private static final HttpApplication HELLO = HttpApplication.nonBlocking(request ->
            HttpResponse.text(200, "hello " + request.method() + " " + request.path()));

    private EmbeddedChannel channel(HttpServerConfig config, HttpApplication application) {
        HttpProtocol protocol = new HttpProtocol(config, application);
        protocols.add(protocol);
        EmbeddedChannel channel = new EmbeddedChannel();
        protocol.initialize(channel);
        channels.add(channel);
        return channel;
    }

    private EmbeddedChannel channel(HttpApplication application) {
        return channel(HttpServerConfig.builder().accessLog(false).build(), application);
    }

    private static void send(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
    }

    /** Everything written so far, as text. */
    private static String output(EmbeddedChannel channel) {
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    private static byte[] outputBytes(EmbeddedChannel channel) {
        channel.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            out.writeBytes(bytes);
            buf.release();
        }
        return out.toByteArray();
    }

    /** An application whose answers the test gives, through the futures it leaves in {@code pending} by path. */
    private static HttpApplication answeredLater(Map<String, CompletableFuture<HttpResponse>> pending) {
        return request -> {
            CompletableFuture<HttpResponse> future = new CompletableFuture<>();
            pending.put(request.path(), future);
            return future;
        };
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void answersARequestSplitByteByByte() {
        EmbeddedChannel channel = channel(HELLO);
        String request = "GET /split HTTP/1.1\r\nHost: a\r\n\r\n";
        for (char c : request.toCharArray()) {
            send(channel, String.valueOf(c));
        }
        String out = output(channel);
        assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n"), out);
        assertTrue(out.contains("content-length: 16\r\n"), out);
        assertTrue(out.contains("date: "), out);
        assertTrue(out.endsWith("hello GET /split"), out);
        assertTrue(channel.isOpen());
    }

    @Test
    void answersCoalescedPipelinedRequestsInOrderEvenWhenTheyFinishOutOfOrder() {
        Map<String, CompletableFuture<HttpResponse>> pending = new ConcurrentHashMap<>();
        EmbeddedChannel channel = channel(answeredLater(pending));
        send(channel, "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(3, pending.size());
        pending.get("/3").complete(HttpResponse.text(200, "three"));
        pending.get("/2").complete(HttpResponse.text(200, "two"));
        assertEquals("", output(channel));
        pending.get("/1").complete(HttpResponse.text(200, "one"));
        String out = output(channel);
        assertTrue(out.indexOf("one") < out.indexOf("two") && out.indexOf("two") < out.indexOf("three"), out);
        assertEquals(3, count(out, "HTTP/1.1 200 OK"));
    }

    @Test
    void requestsPastThePipeliningLimitWaitForAnAnswerBeforeTheApplicationSeesThem() {
        Map<String, CompletableFuture<HttpResponse>> pending = new ConcurrentHashMap<>();
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).maxPipelinedRequests(2).build();
        EmbeddedChannel channel = channel(config, request -> {
            CompletableFuture<HttpResponse> future = new CompletableFuture<>();
            pending.put(request.path(), future);
            return future;
        });
        send(channel, "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(java.util.Set.of("/1", "/2"), pending.keySet(), "at the limit");
        pending.get("/1").complete(HttpResponse.text(200, "one"));
        channel.runPendingTasks();
        assertTrue(pending.containsKey("/3"), "one past the limit, once the first is answered");
        pending.get("/2").complete(HttpResponse.text(200, "two"));
        pending.get("/3").complete(HttpResponse.text(200, "three"));
        String out = output(channel);
        assertTrue(out.endsWith("three") && out.indexOf("one") < out.indexOf("two"), out);
    }

    @Test
    void requestLineAtTheLimitIsServedAndOnePastIsAnswered414() {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).maxRequestLineLength(64).build();
        String path = "/" + "a".repeat(64 - "GET / HTTP/1.1".length());
        EmbeddedChannel atLimit = channel(config, HELLO);
        send(atLimit, "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(output(atLimit).startsWith("HTTP/1.1 200 OK"));
        EmbeddedChannel past = channel(config, HELLO);
        send(past, "GET " + path + "a HTTP/1.1\r\nHost: a\r\n\r\n");
        String out = output(past);
        assertTrue(out.startsWith("HTTP/1.1 414 "), out);
        assertTrue(out.contains("connection: close"), out);
        assertFalse(past.isOpen());
    }

    @Test
    void headerSectionAtTheLimitIsServedAndOnePastIsAnswered431() {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).maxHeaderSize(100).build();
        // Netty counts the header lines' bytes without their CRLFs.
        String host = "Host: a";
        String filler = "X: " + "b".repeat(100 - host.length() - 3);
        EmbeddedChannel atLimit = channel(config, HELLO);
        send(atLimit, "GET / HTTP/1.1\r\n" + host + "\r\n" + filler + "\r\n\r\n");
        assertTrue(output(atLimit).startsWith("HTTP/1.1 200 OK"));
        EmbeddedChannel past = channel(config, HELLO);
        send(past, "GET / HTTP/1.1\r\n" + host + "\r\n" + filler + "b\r\n\r\n");
        String out = output(past);
        assertTrue(out.startsWith("HTTP/1.1 431 "), out);
        assertFalse(past.isOpen());
    }

    @Test
    void headerCountAtTheLimitIsServedAndOnePastIsAnswered431() {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).maxHeaderCount(5).build();
        EmbeddedChannel atLimit = channel(config, HELLO);
        send(atLimit, "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n");
        assertTrue(output(atLimit).startsWith("HTTP/1.1 200 OK"));
        EmbeddedChannel past = channel(config, HELLO);
        send(past, "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n");
        assertTrue(output(past).startsWith("HTTP/1.1 431 "));
        assertFalse(past.isOpen());
    }

    private static final HttpApplication ECHO = request -> request.body().bytesAsync()
            .thenApply(bytes -> HttpResponse.ok(ResponseBody.bytes(bytes, "application/octet-stream")));

    @Test
    void bodyAtTheLimitIsReadAndOnePastIsAnswered413AtOnce() {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).maxBodySize(10).build();
        EmbeddedChannel atLimit = channel(config, ECHO);
        send(atLimit, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789");
        String ok = output(atLimit);
        assertTrue(ok.startsWith("HTTP/1.1 200 OK") && ok.endsWith("0123456789"), ok);
        List<String> called = new ArrayList<>();
        EmbeddedChannel past = channel(config, request -> {
            called.add(request.uri());
            return ECHO.handleAsync(request);
        });
        send(past, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n");
        assertTrue(output(past).startsWith("HTTP/1.1 413 "));
        assertTrue(called.isEmpty(), "the application is not called for a body announced over the limit");
        assertFalse(past.isOpen());
    }

    @Test
    void chunkedBodyPastTheLimitIsAnswered413WhileStreaming() {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).maxBodySize(10).build();
        EmbeddedChannel atLimit = channel(config, ECHO);
        send(atLimit, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n");
        String ok = output(atLimit);
        assertTrue(ok.startsWith("HTTP/1.1 200 OK") && ok.endsWith("0123456789"), ok);
        EmbeddedChannel past = channel(config, ECHO);
        send(past, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n");
        assertEquals("", output(past));
        send(past, "6\r\n567890\r\n");
        assertTrue(output(past).startsWith("HTTP/1.1 413 "));
        assertFalse(past.isOpen());
    }

    @Test
    void aMalformedChunkIsAnswered400AndTheConnectionClosed() {
        EmbeddedChannel channel = channel(ECHO);
        send(channel, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\nzz\r\n");
        String out = output(channel);
        assertTrue(out.startsWith("HTTP/1.1 400 ") && out.contains("connection: close"), out);
        assertFalse(channel.isOpen());
    }

    @Test
    void unknownMethodsAndConnectAre501() {
        EmbeddedChannel brew = channel(HELLO);
        send(brew, "BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(output(brew).startsWith("HTTP/1.1 501 "));
        EmbeddedChannel connect = channel(HELLO);
        send(connect, "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n");
        assertTrue(output(connect).startsWith("HTTP/1.1 501 "));
        EmbeddedChannel patch = channel(HELLO);
        send(patch, "PATCH /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
        assertTrue(output(patch).startsWith("HTTP/1.1 200 "));
    }

    @Test
    void keepAliveAndCloseFollowTheVersionAndTheConnectionHeader() {
        EmbeddedChannel http10 = channel(HELLO);
        send(http10, "GET / HTTP/1.0\r\n\r\n");
        String closed = output(http10);
        assertTrue(closed.contains("connection: close"), closed);
        assertFalse(http10.isOpen());
        EmbeddedChannel http10KeepAlive = channel(HELLO);
        send(http10KeepAlive, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertTrue(output(http10KeepAlive).contains("connection: keep-alive"));
        assertTrue(http10KeepAlive.isOpen());
        EmbeddedChannel close = channel(HELLO);
        send(close, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\nHost: a\r\n\r\n");
        String out = output(close);
        assertEquals(1, count(out, "HTTP/1.1 200"), out);
        assertFalse(close.isOpen());
    }

    @Test
    void theLastRequestAllowedOnAConnectionIsAnsweredWithConnectionClose() {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false).maxRequestsPerConnection(2).build();
        EmbeddedChannel channel = channel(config, HELLO);
        send(channel, "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        String out = output(channel);
        assertEquals(2, count(out, "HTTP/1.1 200"), out);
        assertEquals(1, count(out, "connection: close"), out);
        assertFalse(channel.isOpen());
    }

    @Test
    void headHasTheHeadersOfGetWithoutTheBody() {
        EmbeddedChannel channel = channel(HttpApplication.nonBlocking(request -> HttpResponse.text(200, "0123456789")));
        send(channel, "HEAD / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
        String out = output(channel);
        int second = out.indexOf("HTTP/1.1 200", 1);
        String head = out.substring(0, second);
        assertTrue(head.contains("content-length: 10\r\n") && head.endsWith("\r\n\r\n"), head);
        assertTrue(out.endsWith("\r\n\r\n0123456789"), out);
    }

    @Test
    void streamsOfUnknownLengthAreChunkedOn11AndCloseDelimitedOn10() {
        HttpApplication stream = HttpApplication.nonBlocking(request -> HttpResponse.ok(ResponseBody.stream(
                new java.io.ByteArrayInputStream("streamed".getBytes(StandardCharsets.US_ASCII)), -1, "text/plain")));
        EmbeddedChannel http11 = channel(HttpServerConfig.builder().accessLog(false).compression(false).build(), stream);
        send(http11, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        String chunked = awaitOutput(http11, "0\r\n\r\n");
        assertTrue(chunked.contains("transfer-encoding: chunked") && !chunked.contains("content-length"), chunked);
        assertTrue(chunked.contains("8\r\nstreamed\r\n0\r\n\r\n"), chunked);
        EmbeddedChannel http10 = channel(HttpServerConfig.builder().accessLog(false).compression(false).build(), stream);
        send(http10, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        String delimited = awaitOutput(http10, "streamed");
        assertFalse(delimited.contains("transfer-encoding") || delimited.contains("content-length"), delimited);
        assertTrue(delimited.contains("connection: close"), delimited);
    }

    /** Output until it contains {@code end} (a stream body is copied on the worker pool). */
    private static String awaitOutput(EmbeddedChannel channel, String end) {
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!out.toString().contains(end) && System.nanoTime() < deadline) {
            out.append(output(channel));
            Thread.onSpinWait();
        }
        return out.toString();
    }

    @Test
    void noContentAndNotModifiedHaveNoLengthAndNoBody() {
        EmbeddedChannel channel = channel(HttpApplication.nonBlocking(request ->
                HttpResponse.of(request.path().equals("/204") ? 204 : 304, ResponseBody.text("ignored"))));
        send(channel, "GET /204 HTTP/1.1\r\nHost: a\r\n\r\nGET /304 HTTP/1.1\r\nHost: a\r\n\r\n");
        String out = output(channel);
        assertFalse(out.contains("content-length") || out.contains("transfer-encoding") || out.contains("ignored"),
                out);
    }

    @Test
    void expectContinueGets100ThenTheAnswer() {
        EmbeddedChannel channel = channel(ECHO);
        send(channel, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", output(channel));
        send(channel, "body");
        String out = output(channel);
        assertTrue(out.startsWith("HTTP/1.1 200 OK") && out.endsWith("body"), out);
    }

    @Test
    void otherExpectationsAre417AndAnnouncedBodiesOverTheLimit413Without100() {
        EmbeddedChannel other = channel(ECHO);
        send(other, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: something\r\n\r\n");
        assertTrue(output(other).startsWith("HTTP/1.1 417 "));
        EmbeddedChannel tooLarge = channel(HttpServerConfig.builder().accessLog(false).maxBodySize(3).build(), ECHO);
        send(tooLarge, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        String out = output(tooLarge);
        assertTrue(out.startsWith("HTTP/1.1 413 ") && !out.contains("100 Continue"), out);
    }

    @Test
    void anApplicationThatThrowsOrFailsGets500AndTheConnectionStaysUsable() {
        EmbeddedChannel channel = channel(request -> {
            if (request.path().equals("/throw")) {
                throw new IllegalStateException("thrown on purpose");
            }
            if (request.path().equals("/fail")) {
                return CompletableFuture.failedFuture(new IllegalStateException("failed on purpose"));
            }
            return HELLO.handleAsync(request);
        });
        send(channel, "GET /throw HTTP/1.1\r\nHost: a\r\n\r\nGET /fail HTTP/1.1\r\nHost: a\r\n\r\nGET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
        String out = output(channel);
        assertEquals(2, count(out, "HTTP/1.1 500 "), out);
        assertTrue(out.endsWith("hello GET /ok"), out);
        assertTrue(channel.isOpen());
    }

    @Test
    void aFailedDecoderResultIsAnsweredWithTheStatusItsCauseNames() {
        EmbeddedChannel channel = channel(HELLO);
        DefaultHttpRequest refused = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        refused.setDecoderResult(DecoderResult.failure(new dev.toolkit.http.codec.HttpRequestRejectedException(
                HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests pipelined", null, null)));
        channel.writeInbound(refused);
        String out = output(channel);
        assertTrue(out.startsWith("HTTP/1.1 429 ") && out.contains("connection: close"), out);
        assertFalse(channel.isOpen());
        assertEquals(HttpResponseStatus.REQUEST_URI_TOO_LONG,
                HttpPipeline.rejectionStatus(new io.netty.handler.codec.http.TooLongHttpLineException("long"), false));
        assertEquals(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                HttpPipeline.rejectionStatus(new io.netty.handler.codec.http.TooLongHttpHeaderException("long"), false));
        assertEquals(HttpResponseStatus.BAD_REQUEST, HttpPipeline.rejectionStatus(new IllegalArgumentException(), false));
    }

    @Test
    void compressibleAnswersAreGzippedWithVaryAndAnETagPerEncoding() throws Exception {
        String text = "compress me ".repeat(200);
        EmbeddedChannel channel = channel(HttpApplication.nonBlocking(request -> HttpResponse.builder(200)
                .setHeader("ETag", "\"v1\"").body(ResponseBody.text(text)).build()));
        send(channel, "GET / HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n");
        byte[] out = outputBytes(channel);
        String head = new String(out, StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("content-encoding: gzip"), head);
        assertTrue(head.contains("vary: accept-encoding"), head);
        assertTrue(head.contains("etag: \"v1-gzip\""), head);
        int bodyStart = head.indexOf("\r\n\r\n") + 4;
        byte[] encoded = java.util.Arrays.copyOfRange(out, bodyStart, out.length);
        byte[] gzip = head.contains("transfer-encoding: chunked") ? dechunk(encoded) : encoded;
        String body = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gzip)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(text, body);

        send(channel, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        String identity = output(channel);
        assertTrue(identity.contains("vary: accept-encoding") && !identity.contains("content-encoding"), identity);
        assertTrue(identity.toLowerCase(java.util.Locale.ROOT).contains("etag: \"v1\""), identity);
    }

    @Test
    void smallAndIncompressibleAnswersAreNotCompressed() {
        EmbeddedChannel channel = channel(HttpApplication.nonBlocking(request -> request.path().equals("/small")
                ? HttpResponse.text(200, "tiny")
                : HttpResponse.ok(ResponseBody.bytes(new byte[4096], "image/png"))));
        send(channel, "GET /small HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n"
                + "GET /png HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n");
        String out = output(channel);
        assertFalse(out.contains("content-encoding"), out);
        assertTrue(out.contains("content-length: 4096"), out);
    }

    @Test
    void varyIsSentOnlyOnAnswersThatCouldBeCompressed() {
        String large = "compress me ".repeat(200);
        EmbeddedChannel channel = channel(HttpApplication.nonBlocking(request -> switch (request.path()) {
            case "/small" -> HttpResponse.text(200, "tiny");
            case "/png" -> HttpResponse.ok(ResponseBody.bytes(new byte[4096], "image/png"));
            case "/at-minimum" -> HttpResponse.text(200, "x".repeat(HttpServerConfig.builder().build()
                    .compressionMinSize()));
            default -> HttpResponse.text(200, large);
        }));
        send(channel, "GET /small HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n");
        String small = output(channel);
        assertTrue(small.endsWith("tiny") && !small.contains("vary"), small);
        send(channel, "GET /png HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n");
        String png = output(channel);
        assertTrue(png.contains("content-length: 4096") && !png.contains("vary"), png);
        send(channel, "GET /at-minimum HTTP/1.1\r\nHost: a\r\n\r\n");
        String atMinimum = output(channel);
        assertTrue(atMinimum.contains("vary: accept-encoding") && !atMinimum.contains("content-encoding"), atMinimum);
        send(channel, "HEAD /large HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n");
        String head = output(channel);
        assertTrue(head.contains("vary: accept-encoding") && head.endsWith("\r\n\r\n"), head);
        assertTrue(channel.isOpen());
    }

    @Test
    void theCompressorJoinsAConnectionWithItsFirstRequestThatAcceptsAnEncoding() throws Exception {
        String text = "compress me ".repeat(200);
        Map<String, CompletableFuture<HttpResponse>> pending = new ConcurrentHashMap<>();
        EmbeddedChannel channel = channel(answeredLater(pending));
        send(channel, "GET /plain HTTP/1.1\r\nHost: a\r\n\r\n");
        assertEquals(null, channel.pipeline().get(HttpProtocol.COMPRESSOR), "no encoding asked for yet");
        // the first answer is still owed when the request that brings the compressor arrives
        send(channel, "GET /gzip HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n"
                + "GET /after HTTP/1.1\r\nHost: a\r\n\r\n");
        assertTrue(channel.pipeline().get(HttpProtocol.COMPRESSOR) instanceof CompressionPolicy);
        assertEquals(3, pending.size());
        pending.get("/after").complete(HttpResponse.text(200, text));
        pending.get("/gzip").complete(HttpResponse.text(200, text));
        pending.get("/plain").complete(HttpResponse.text(200, text));
        byte[] out = outputBytes(channel);
        String all = new String(out, StandardCharsets.ISO_8859_1);
        assertEquals(3, count(all, "HTTP/1.1 200 OK"), all);
        assertEquals(1, count(all, "content-encoding: gzip"), all);
        int second = all.indexOf("HTTP/1.1 200 OK", 1);
        int third = all.indexOf("HTTP/1.1 200 OK", second + 1);
        String first = all.substring(0, second);
        assertTrue(first.contains("vary: accept-encoding") && first.endsWith(text), first);
        String gzipped = all.substring(second, third);
        assertTrue(gzipped.contains("content-encoding: gzip"), gzipped);
        int bodyStart = second + gzipped.indexOf("\r\n\r\n") + 4;
        byte[] encoded = java.util.Arrays.copyOfRange(out, bodyStart, third);
        byte[] gzip = gzipped.contains("transfer-encoding: chunked") ? dechunk(encoded) : encoded;
        assertEquals(text, new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gzip)).readAllBytes(),
                StandardCharsets.UTF_8));
        String last = all.substring(third);
        assertTrue(!last.contains("content-encoding") && last.endsWith(text), last);
        assertTrue(channel.isOpen());
    }

    @Test
    void aTimeOutAnswerAfterTheCompressorJoinedGoesRoundIt() {
        HttpServerConfig config = HttpServerConfig.builder().accessLog(false)
                .headerTimeout(java.time.Duration.ofMillis(50)).build();
        EmbeddedChannel channel = channel(config, HttpApplication.nonBlocking(request ->
                HttpResponse.text(200, "compress me ".repeat(200))));
        send(channel, "GET / HTTP/1.1\r\nHost: a\r\nAccept-Encoding: gzip\r\n\r\n");
        assertTrue(output(channel).contains("content-encoding: gzip"));
        send(channel, "GET / HTTP/1.1\r\n");
        String out = awaitOutput(channel, "\n");
        assertTrue(out.startsWith("HTTP/1.1 408 ") && !out.contains("content-encoding"), out);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (chunked[lineEnd] != '\r') {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}

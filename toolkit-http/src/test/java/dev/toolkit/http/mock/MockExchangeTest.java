package dev.toolkit.http.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mock's codec and exchange handler on Netty's {@code EmbeddedChannel}: raw heads from split and coalesced
 * input, pipelined requests behind a delayed answer, the limits exactly at and one past their values,
 * malformed input, {@code Expect: 100-continue}, HEAD.
 */
class MockExchangeTest {

    static final MockHttpServerConfig CONFIG = MockHttpServerConfig.builder().maxBodySize(10)
            .maxRequestLineLength(32).build();

    MockScript script = new MockScript(CONFIG.defaultResponse());
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel ch) {
            MockHttpServer.install(ch.pipeline(), script, CONFIG);
        }
    });

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    /** Everything the mock wrote so far. */
    String written() {
        StringBuilder out = new StringBuilder();
        ByteBuf buffer;
        while ((buffer = channel.readOutbound()) != null) {
            out.append(buffer.toString(StandardCharsets.ISO_8859_1));
            buffer.release();
        }
        return out.toString();
    }

    RecordedRequest taken() {
        return script.take(Duration.ofSeconds(1), "embedded").join();
    }

    @Test
    void aHeadSplitIntoSingleBytesIsRecordedAsSent() {
        script.enqueue(MockResponse.builder().body("ok").build());
        String request = "PUT /a?b=c HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 3\r\n\r\nxyz";
        for (char c : request.toCharArray()) {
            write(String.valueOf(c));
        }
        RecordedRequest put = taken();
        assertEquals(request.substring(0, request.indexOf("xyz")), put.rawHeadText());
        assertEquals("xyz", put.bodyText());
        assertEquals(List.of("1", "2"), put.headers().getAll("X-A"));
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok", written());
    }

    @Test
    void coalescedRequestsBehindADelayedAnswerWaitAndAreAnsweredInOrder() {
        channel.freezeTime();
        script.enqueue(MockResponse.builder().body("1").headersDelay(Duration.ofSeconds(5)).build());
        script.enqueue(MockResponse.builder().body("2").build());
        write("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi");
        assertEquals("", written(), "the first answer is still delayed");
        assertEquals(1, script.requestCount(), "the second waits, decoded, behind the first");
        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\n1HTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\n2",
                written());
        RecordedRequest first = taken();
        RecordedRequest second = taken();
        assertEquals("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n", first.rawHeadText());
        assertEquals("POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n", second.rawHeadText());
        assertEquals("hi", second.bodyText());
        assertEquals(1, second.sequenceOnConnection());
    }

    @Test
    void aBodyExactlyAtTheLimitIsTakenAndOneByteMoreIsRefused() {
        write("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789");
        assertTrue(written().startsWith("HTTP/1.1 404 Not Found\r\n"));
        assertEquals("0123456789", taken().bodyText());
        write("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n5\r\n6789a\r\n0\r\n\r\n");
        String refused = written();
        assertTrue(refused.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), refused);
        assertTrue(refused.contains("connection: close\r\n"), refused);
        RecordedRequest over = taken();
        assertTrue(over.failure().orElseThrow().contains("maxBodySize of 10"), over.toString());
        assertTrue(over.chunked());
        assertFalse(channel.isOpen());
    }

    @Test
    void aRequestLineExactlyAtTheLimitIsTakenAndOneByteMoreIsRefused() {
        String atLimit = "GET /" + "a".repeat(32 - "GET / HTTP/1.1".length()) + " HTTP/1.1";
        assertEquals(32, atLimit.length());
        write(atLimit + "\r\nHost: h\r\n\r\n");
        assertTrue(written().startsWith("HTTP/1.1 404 Not Found\r\n"));
        write("GET /a" + atLimit.substring(5) + "\r\nHost: h\r\n\r\n");
        assertTrue(written().startsWith("HTTP/1.1 414 Request-URI Too Long\r\n"));
        assertFalse(channel.isOpen());
    }

    @Test
    void malformedInputIsAnswered400AndRecordedWithItsReason() {
        script.enqueue(MockResponse.builder().body("not used").build());
        write("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n");
        String answer = written();
        assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
        assertTrue(answer.contains("malformed request"), answer);
        assertTrue(taken().failure().isPresent());
        assertFalse(channel.isOpen());
        assertEquals("not used", new String(script.takeQueued().bodyBytes(), StandardCharsets.UTF_8),
                "the queued response stays for the next request");
    }

    @Test
    void expectContinueGetsA100BeforeTheBody() {
        script.enqueue(MockResponse.builder().status(204).build());
        write("POST /up HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", written());
        write("data");
        assertEquals("HTTP/1.1 204 No Content\r\n\r\n", written());
        assertEquals("data", taken().bodyText());
    }

    @Test
    void anUnknownExpectationIsRefusedWith417() {
        write("POST /up HTTP/1.1\r\nHost: h\r\nExpect: something-else\r\nContent-Length: 4\r\n\r\n");
        assertTrue(written().startsWith("HTTP/1.1 417 Expectation Failed\r\n"));
        assertFalse(channel.isOpen());
    }

    @Test
    void headGetsTheHeadersOfAChunkedGetWithoutTheBody() {
        script.enqueue(MockResponse.builder().chunkedBody("abcdef", 2).trailer("T", "1").build());
        write("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n", written());
        script.enqueue(MockResponse.builder().chunkedBody("abcdef", 4).trailer("T", "1").build());
        write("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\nabcd\r\n2\r\nef\r\n0\r\nT: 1\r\n\r\n",
                written());
    }

    @Test
    void http10GetsKeepAliveOnlyWhenItAsks() {
        write("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertTrue(written().contains("connection: keep-alive\r\n"));
        assertTrue(channel.isOpen());
        write("GET / HTTP/1.0\r\n\r\n");
        assertTrue(written().contains("connection: close\r\n"));
        assertFalse(channel.isOpen());
    }
}

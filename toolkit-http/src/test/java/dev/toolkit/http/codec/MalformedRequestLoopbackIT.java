package dev.toolkit.http.codec;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.tcp.TcpServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The codec on a real connection: core's TCP server with {@link ServerCodec} and a small answering handler,
 * malformed requests sent over a raw socket (each followed by a valid one), answered with their status, after
 * which the connection closes and the following request gets no answer.
 */
class MalformedRequestLoopbackIT {

    private static final RequestLimits LIMITS = RequestLimits.builder().maxRequestLineLength(256)
            .maxHeaderSize(1024).maxHeaderCount(8).build();
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";
    /** A status line: at the start or after a line end (the answers' bodies are one line, their excerpts escaped). */
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.1 \\d{3} ");
    private static RunningServer<ConnectionMetrics> server;

    /** Answers each request 200 (keep-alive), and a rejection with its status, then closes. */
    private static final class Answer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                HttpObject object = (HttpObject) msg;
                if (object.decoderResult().isFailure()) {
                    HttpRequestRejectedException rejection =
                            (HttpRequestRejectedException) object.decoderResult().cause();
                    FullHttpResponse response = response(rejection.status(), rejection.getMessage());
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                } else if (msg instanceof LastHttpContent) {
                    ctx.writeAndFlush(response(HttpResponseStatus.OK, "ok"));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static FullHttpResponse response(HttpResponseStatus status, String text) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            return response;
        }
    }

    @BeforeAll
    static void bind() {
        server = TcpServer.bind(ServerConfig.builder().name("codec-it").host("127.0.0.1").port(0).build(),
                channel -> {
                    ServerCodec.install(channel.pipeline(), LIMITS);
                    channel.pipeline().addLast(new Answer());
                });
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "CL with TE|400|POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 4\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n",
        "two Content-Lengths|400|POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\nab",
        "space before colon|400|POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding : chunked\\r\\n\\r\\n0\\r\\n\\r\\n",
        "obs-fold|400|GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\r\\n b\\r\\n\\r\\n",
        "bare LF|400|GET / HTTP/1.1\\nHost: a\\r\\n\\r\\n",
        "bare CR in the request line|400|GET /\\r HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n",
        "chunk data without CRLF|400|POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\nab\\r\\n0\\r\\n\\r\\n",
        "NUL in a value|400|GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\0b\\r\\n\\r\\n",
        "no Host|400|GET / HTTP/1.1\\r\\n\\r\\n",
        "too many headers|431|GET / HTTP/1.1\\r\\nHost: a\\r\\nA: 1\\r\\nB: 1\\r\\nC: 1\\r\\nD: 1\\r\\nE: 1\\r\\nF: 1\\r\\nG: 1\\r\\nH: 1\\r\\n\\r\\n",
        "unknown method|501|BREW / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n",
        "HTTP/2.0|505|GET / HTTP/2.0\\r\\nHost: a\\r\\n\\r\\n"})
    void answeredWithTheStatusThenClosed(String rule, int status, String request) throws IOException {
        String answer = exchange(unescape(request) + NEXT);
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), rule + ": " + answer);
        assertEquals(1, STATUS_LINE.matcher(answer).results().count(), "one answer only: " + answer);
    }

    @Test
    void aTooLongRequestLineIs414() throws IOException {
        String answer = exchange("GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: a\r\n\r\n" + NEXT);
        assertTrue(answer.startsWith("HTTP/1.1 414 "), answer);
    }

    @Test
    void validPipelinedRequestsAreAllAnswered() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.localAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /2 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n" + NEXT)
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answers = readAtLeast(socket.getInputStream(), 3);
            assertEquals(3, answers.split("HTTP/1\\.1 200 OK", -1).length - 1, answers);
        }
    }

    /** Sends {@code request}, reads until the server closes. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.localAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // the server closed with the ignored rest unread: the answer came before the reset
                assertTrue(received.size() > 0, "reset before any answer: " + reset);
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String readAtLeast(InputStream in, int answers) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (received.toString(StandardCharsets.ISO_8859_1).split("\r\n\r\nok\n", -1).length - 1 < answers) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\0", "\0");
    }
}

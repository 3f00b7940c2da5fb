package dev.toolkit.http.mock;

import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.core.error.OperationTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mock on loopback against the JDK's {@code java.net.http.HttpClient} (a client nobody here wrote) and raw
 * sockets, where the exact bytes or the end of the stream is what is asserted.
 */
class MockHttpServerIT {

    /** Bound of every wait; a pass never waits this long. */
    static final Duration WAIT = Duration.ofSeconds(20);

    MockHttpServer server;
    HttpClient client;

    @BeforeEach
    void start() {
        server = MockHttpServer.start(MockHttpServerConfig.builder().takeTimeout(WAIT).build());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.url(path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersInOrderAndCountsKeepAliveReuse() throws Exception {
        server.enqueue(MockResponse.builder().status(200).header("X-Order", "first").body("one").build());
        server.enqueue(MockResponse.builder().status(201, "Made It").body("two").build());
        server.enqueue(MockResponse.builder().status(500).body("three").build());

        HttpResponse<String> first = get("/a?x=1&y=%20z");
        HttpResponse<String> second = get("/b");
        HttpResponse<String> third = get("/c");
        HttpResponse<String> fourth = get("/d");

        assertEquals(List.of(200, 201, 500, 404), List.of(first.statusCode(), second.statusCode(),
                third.statusCode(), fourth.statusCode()));
        assertEquals("first", first.headers().firstValue("X-Order").orElseThrow());
        assertEquals(List.of("one", "two", "three", ""), List.of(first.body(), second.body(), third.body(),
                fourth.body()));

        RecordedRequest a = server.takeRequest();
        assertEquals("GET", a.method().name());
        assertEquals("/a?x=1&y=%20z", a.target());
        assertEquals("/a", a.path());
        assertEquals("x=1&y=%20z", a.query());
        assertEquals(" z", a.queryParameter("y").orElseThrow());
        assertEquals("127.0.0.1:" + server.port(), a.header("host").orElseThrow());
        for (int i = 0; i < 3; i++) {
            RecordedRequest next = server.takeRequest();
            assertEquals(0, next.connectionIndex(), "the JDK client reuses its connection: " + next);
            assertEquals(i + 1, next.sequenceOnConnection());
        }
        assertEquals(0, a.sequenceOnConnection());
        assertEquals(4, server.requestCount());
        assertEquals(1, server.connectionCount());
    }

    @Test
    void recordsBodiesHeadersInOrderAndTheRawHead() throws Exception {
        server.enqueue(MockResponse.builder().build());
        byte[] sent = new byte[100_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) i;
        }
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(server.url("/upload")).timeout(WAIT)
                .header("X-Twice", "1").header("X-Twice", "2")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());

        RecordedRequest upload = server.takeRequest();
        assertEquals("POST", upload.method().name());
        assertArrayEquals(sent, upload.body());
        assertFalse(upload.chunked());
        assertEquals(List.of("1", "2"), upload.headers().getAll("x-twice"));
        String head = upload.rawHeadText();
        assertTrue(head.startsWith("POST /upload HTTP/1.1\r\n"), head);
        assertTrue(head.endsWith("\r\n\r\n"), head);
        assertTrue(head.contains("Content-Length: 100000\r\n") || head.contains("content-length: 100000\r\n"), head);
    }

    @Test
    void chunkedRequestsAreDechunkedWithTheirTrailers() throws Exception {
        server.enqueue(MockResponse.builder().build());
        try (Socket socket = connect()) {
            send(socket, "POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 42\r\n\r\n");
            assertTrue(readResponse(socket.getInputStream()).startsWith("HTTP/1.1 200 OK\r\n"));
        }
        RecordedRequest chunks = server.takeRequest();
        assertEquals("hello world", chunks.bodyText());
        assertTrue(chunks.chunked());
        assertEquals("42", chunks.trailers().get("X-Checksum"));
        assertEquals("POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", chunks.rawHeadText());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        server.enqueue(MockResponse.builder().body("slow").headersDelay(Duration.ofMillis(100)).build());
        server.enqueue(MockResponse.builder().body("fast").build());
        try (Socket socket = connect()) {
            send(socket, "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = socket.getInputStream();
            String first = readResponse(in);
            String second = readResponse(in);
            assertTrue(first.endsWith("\r\n\r\nslow"), first);
            assertTrue(second.endsWith("\r\n\r\nfast"), second);
        }
        RecordedRequest one = server.takeRequest();
        RecordedRequest two = server.takeRequest();
        assertEquals("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n", one.rawHeadText());
        assertEquals("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n", two.rawHeadText());
        assertEquals(List.of(0, 1), List.of(one.sequenceOnConnection(), two.sequenceOnConnection()));
    }

    @Test
    void aGzipBodyDecodesToTheOriginal() throws Exception {
        String text = "compressible ".repeat(1000);
        server.enqueue(MockResponse.builder().gzipBody(text).build());
        HttpResponse<InputStream> answer = client.send(HttpRequest.newBuilder(server.url("/gz")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("gzip", answer.headers().firstValue("Content-Encoding").orElseThrow());
        try (InputStream in = new GZIPInputStream(answer.body())) {
            assertEquals(text, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aThrottledChunkedBodyArrivesWhole() throws Exception {
        byte[] body = "0123456789".repeat(20).getBytes(StandardCharsets.US_ASCII);
        server.enqueue(MockResponse.builder().chunkedBody(body, 16).throttle(64, Duration.ofMillis(20))
                .trailer("X-Done", "yes").build());
        try (Socket socket = connect()) {
            send(socket, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            String response = readResponse(socket.getInputStream());
            assertTrue(response.contains("transfer-encoding: chunked\r\n"), response);
            assertTrue(response.contains("\r\n\r\n10\r\n0123456789012345\r\n"), response);
            assertTrue(response.endsWith("\r\n0\r\nX-Done: yes\r\n\r\n"), response);
        }
        HttpResponse<byte[]> viaJdk;
        server.enqueue(MockResponse.builder().body(body).throttle(50, Duration.ofMillis(20)).build());
        viaJdk = client.send(HttpRequest.newBuilder(server.url("/slow")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(body, viaJdk.body());
    }

    @Test
    void aLargeBodyFollowsTheClientsPace() throws Exception {
        byte[] body = new byte[8 * 1024 * 1024];
        body[body.length - 1] = 7;
        server.enqueue(MockResponse.builder().body(body).build());
        HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(server.url("/big")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(body, answer.body());
    }

    @Test
    void headIsAnsweredWithTheHeadersOfGetOnly() throws Exception {
        server.enqueue(MockResponse.builder().chunkedBody("not sent", 3).build());
        server.enqueue(MockResponse.builder().body("next").build());
        try (Socket socket = connect()) {
            send(socket, "HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /g HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.contains("transfer-encoding: chunked\r\n"), head);
            String next = readResponse(in);
            assertTrue(next.startsWith("HTTP/1.1 200 OK\r\n") && next.endsWith("\r\n\r\nnext"), next);
        }
    }

    @Test
    void closeAtStartClosesBeforeAnyRequest() throws Exception {
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.CLOSE_AT_START).build());
        server.enqueue(MockResponse.builder().body("after").build());
        try (Socket socket = connect()) {
            assertEquals(-1, socket.getInputStream().read());
        }
        assertEquals("after", get("/retry").body());
        RecordedRequest only = server.takeRequest();
        assertEquals(1, only.connectionIndex());
        assertEquals(1, server.requestCount());
        assertEquals(2, server.connectionCount());
    }

    @Test
    void closeAfterRequestReadsThenClosesWithoutAnswer() throws Exception {
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.CLOSE_AFTER_REQUEST).build());
        try (Socket socket = connect()) {
            send(socket, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
            assertEquals(-1, socket.getInputStream().read());
        }
        assertEquals("abc", server.takeRequest().bodyText());
    }

    @Test
    void closeMidBodySendsHalfTheBody() throws Exception {
        server.enqueue(MockResponse.builder().body("0123456789").socketPolicy(SocketPolicy.CLOSE_MID_BODY).build());
        try (Socket socket = connect()) {
            send(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.contains("content-length: 10\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\n01234"), response);
            assertFalse(response.contains("connection:"), "the close is not announced: " + response);
        }
        assertThrows(IOException.class, () -> {
            server.enqueue(MockResponse.builder().body("0123456789").socketPolicy(SocketPolicy.CLOSE_MID_BODY).build());
            get("/jdk");
        });
    }

    @Test
    void stallAndNoResponseLeaveTheClientToItsTimeout() throws Exception {
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.STALL).build());
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.NO_RESPONSE).build());
        Duration shortWait = Duration.ofMillis(300);
        assertThrows(HttpTimeoutException.class, () -> client.send(HttpRequest.newBuilder(server.url("/stall"))
                .timeout(shortWait).POST(HttpRequest.BodyPublishers.ofString("unread")).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThrows(HttpTimeoutException.class, () -> client.send(HttpRequest.newBuilder(server.url("/silent"))
                .timeout(shortWait).build(), HttpResponse.BodyHandlers.ofString()));
        RecordedRequest stalled = server.takeRequest();
        assertEquals("/stall", stalled.path());
        assertEquals("", stalled.bodyText(), "a stalled request is recorded with its head only");
        assertEquals("/silent", server.takeRequest().path());
    }

    @Test
    void halfCloseEndsTheStreamAfterTheResponseAndReadsOn() throws Exception {
        server.enqueue(MockResponse.builder().body("bye").socketPolicy(SocketPolicy.HALF_CLOSE).build());
        try (Socket socket = connect()) {
            send(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.endsWith("\r\n\r\nbye"), response);
            // the server still reads: a write is taken, not reset
            send(socket, "GET /more HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        assertEquals("/", server.takeRequest().path());
    }

    @Test
    void resetSendsAnRst() throws Exception {
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.RESET).build());
        try (Socket socket = connect()) {
            send(socket, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            SocketException reset = assertThrows(SocketException.class, () -> socket.getInputStream().read());
            assertTrue(String.valueOf(reset.getMessage()).contains("reset"), reset.toString());
        }
    }

    @Test
    void aDispatcherAnswersWhenTheQueueIsEmpty() throws Exception {
        server.enqueue(MockResponse.builder().body("queued").build());
        server.dispatcher(request -> MockResponse.builder().body("dispatched " + request.path()).build());
        assertEquals("queued", get("/one").body());
        assertEquals("dispatched /two", get("/two").body());
        server.dispatcher(request -> {
            throw new IllegalStateException("no answer for " + request.path());
        });
        HttpResponse<String> failed = get("/three");
        assertEquals(500, failed.statusCode());
        assertTrue(failed.body().contains("no answer for /three"), failed.body());
        server.dispatcher(null);
        assertEquals(404, get("/four").statusCode());
    }

    @Test
    void malformedAndOversizedRequestsGetTheirStatusAndAreRecorded() throws Exception {
        try (MockHttpServer small = MockHttpServer.start(MockHttpServerConfig.builder()
                .maxBodySize(4).maxHeaderSize(200).takeTimeout(WAIT).build())) {
            small.enqueue(MockResponse.builder().body("kept for the next good request").build());
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(small, "GET / HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n"));
            assertTrue(small.takeRequest().failure().orElseThrow().contains("malformed"));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine(small,
                    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n12345"));
            RecordedRequest over = small.takeRequest();
            assertTrue(over.failure().orElseThrow().contains("maxBodySize of 4"), over.toString());
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large", statusLine(small,
                    "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(300) + "\r\n\r\n"));
            assertEquals("HTTP/1.1 200 OK", statusLine(small,
                    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n1234"));
        }
    }

    @Test
    void takeRequestTimesOutNamingTheServerAndIsRefusedOnAnEventLoop() throws Exception {
        OperationTimeoutException timeout = assertThrows(OperationTimeoutException.class,
                () -> server.takeRequest(Duration.ofMillis(50)));
        assertTrue(timeout.getMessage().contains("no request reached mock HTTP server"), timeout.getMessage());

        CompletableFuture<RecordedRequest> waiting = server.takeRequestAsync(WAIT);
        server.enqueue(MockResponse.builder().build());
        get("/late");
        assertEquals("/late", waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS).path());

        Thread.currentThread().interrupt();
        assertThrows(InterruptedOperationException.class, () -> server.takeRequest());
        assertTrue(Thread.interrupted(), "the interrupt flag is set again");
    }

    @Test
    void aRedirectChainIsFollowedByTheClientAndRecordedHopByHop() throws Exception {
        server.enqueue(MockResponse.builder().status(302).header("Location", server.url("/second").toString())
                .build());
        server.enqueue(MockResponse.builder().status(301).header("Location", "/third").build());
        server.enqueue(MockResponse.builder().body("arrived").build());
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(WAIT).build();
        HttpResponse<String> answer = following.send(HttpRequest.newBuilder(server.url("/first")).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("form")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("arrived", answer.body());
        assertEquals(server.url("/third"), answer.uri());
        RecordedRequest first = server.takeRequest();
        assertEquals("POST", first.method().name());
        assertEquals("form", first.bodyText());
        RecordedRequest second = server.takeRequest();
        assertEquals("/second", second.path());
        assertEquals("GET", second.method().name(), "302 turns the POST into a GET");
        assertEquals("/third", server.takeRequest().path());
    }

    @Test
    void concurrentClientsEachGetOneQueuedResponse() throws Exception {
        int count = 24;
        List<Thread> enqueuers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t * (count / 4);
            Thread enqueuer = new Thread(() -> {
                for (int i = first; i < first + count / 4; i++) {
                    server.enqueue(MockResponse.builder().body("answer " + i).build());
                }
            });
            enqueuers.add(enqueuer);
            enqueuer.start();
        }
        for (Thread enqueuer : enqueuers) {
            enqueuer.join(WAIT.toMillis());
        }
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(server.url("/c" + i)).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> bodies = new TreeSet<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            bodies.add(response.body());
        }
        assertEquals(count, bodies.size(), "every queued response went to exactly one request: " + bodies);
        Set<String> paths = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            paths.add(server.takeRequest().path());
        }
        assertEquals(count, paths.size());
        assertEquals(count, server.requestCount());
        assertTrue(server.connectionCount() >= 1);
    }

    @Test
    void urlsNameTheServer() {
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/p?q=1"), server.url("/p?q=1"));
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/p"), server.url("p"));
        assertEquals(server.port(), server.address().getPort());
    }

    private String statusLine(MockHttpServer target, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", target.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            send(socket, request);
            String response = readResponse(socket.getInputStream());
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads up to and including the empty line that ends a head. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream inside a head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads one response: its head, then a Content-Length body or a chunked body up to the end of its
     * trailers (raw, for wire assertions).
     */
    static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        String lower = head.toLowerCase(Locale.ROOT);
        StringBuilder response = new StringBuilder(head);
        int length = lower.indexOf("content-length: ");
        if (length >= 0) {
            int n = Integer.parseInt(lower.substring(length + 16, lower.indexOf("\r\n", length)).trim());
            response.append(new String(in.readNBytes(n), StandardCharsets.ISO_8859_1));
        } else if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                String sizeLine = line(in);
                response.append(sizeLine);
                int size = Integer.parseInt(sizeLine.trim(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = line(in);
                        response.append(trailer);
                    } while (!trailer.equals("\r\n"));
                    break;
                }
                response.append(new String(in.readNBytes(size + 2), StandardCharsets.ISO_8859_1));
            }
        }
        return response.toString();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            line.append((char) b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString();
    }
}

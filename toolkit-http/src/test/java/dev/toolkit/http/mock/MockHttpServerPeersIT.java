package dev.toolkit.http.mock;

import dev.toolkit.tls.CertificateAuthority;
import dev.toolkit.tls.CertificateSpec;
import dev.toolkit.tls.KeyAndCertificates;
import dev.toolkit.tls.Pem;
import dev.toolkit.tls.TlsServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mock against clients nobody here wrote: curl (every socket policy seen through its exit code, keep-alive
 * reuse, {@code --compressed}, 100-continue, HTTPS through a test CA) and Debian's python3 ({@code http.client}
 * and {@code urllib}), each failure observed from the client's side.
 */
class MockHttpServerPeersIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static CertificateAuthority ca;
    static KeyAndCertificates serverCertificate;

    MockHttpServer server;

    @BeforeAll
    static void certificates() {
        ca = CertificateAuthority.create("Mock Test CA");
        serverCertificate = ca.issue(CertificateSpec.server("localhost").dns("localhost").ip("127.0.0.1"));
        Pem.write(dir.resolve("ca.pem"), Pem.certificates(List.of(ca.certificate())));
    }

    @BeforeEach
    void start() {
        server = MockHttpServer.start(MockHttpServerConfig.builder().takeTimeout(WAIT).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Peer curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Peer.curl(), "-sS", "--max-time", "15"));
        command.addAll(List.of(arguments));
        return Peer.run(dir, command);
    }

    @Test
    void curlReusesOneConnectionForSeveralUrls() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(MockResponse.builder().body("r" + i + "\n").build());
        }
        Peer run = curl(server.url("/1").toString(), server.url("/2").toString(), server.url("/3").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("r0\nr1\nr2\n", run.stdout());
        for (int i = 0; i < 3; i++) {
            RecordedRequest request = server.takeRequest();
            assertEquals("/" + (i + 1), request.path());
            assertEquals(0, request.connectionIndex());
            assertEquals(i, request.sequenceOnConnection());
            assertTrue(request.header("User-Agent").orElseThrow().startsWith("curl/"));
        }
        assertEquals(1, server.connectionCount());
    }

    @Test
    void curlSeesEachSocketPolicy() throws Exception {
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.CLOSE_AFTER_REQUEST).build());
        assertEquals(52, curl(server.url("/after").toString()).exitCode(), "52: empty reply from server");

        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.CLOSE_AT_START).build());
        Peer atStart = curl(server.url("/start").toString());
        // 52 if curl's request was not in the socket yet when it closed, 56 (reset) if it was and went unread
        assertTrue(Set.of(52, 56).contains(atStart.exitCode()), atStart.exitCode() + " " + atStart.stderr());

        server.enqueue(MockResponse.builder().body("0123456789").socketPolicy(SocketPolicy.CLOSE_MID_BODY).build());
        Peer mid = curl(server.url("/mid").toString());
        assertEquals(18, mid.exitCode(), "18: partial file; " + mid.stderr());
        assertEquals("01234", mid.stdout());

        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.RESET).build());
        Peer reset = curl(server.url("/reset").toString());
        assertEquals(56, reset.exitCode(), "56: failure receiving; " + reset.stderr());
        assertTrue(reset.stderr().contains("reset"), reset.stderr());

        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.STALL).build());
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.NO_RESPONSE).build());
        assertEquals(28, curl("--max-time", "0.5", server.url("/stall").toString()).exitCode(), "28: time-out");
        assertEquals(28, curl("--max-time", "0.5", server.url("/silent").toString()).exitCode(), "28: time-out");

        server.enqueue(MockResponse.builder().body("whole").socketPolicy(SocketPolicy.HALF_CLOSE).build());
        Peer half = curl(server.url("/half").toString());
        assertEquals(0, half.exitCode(), half.stderr());
        assertEquals("whole", half.stdout());

        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            paths.add(server.takeRequest().path());
        }
        assertEquals(List.of("/after", "/mid", "/reset", "/stall", "/silent", "/half"), paths,
                "every request but the one closed at start is recorded");
        assertEquals(6, server.requestCount());
    }

    @Test
    void curlDecodesAChunkedGzipBodyAndAThrottledOne() throws Exception {
        String text = "the same words again and again; ".repeat(200);
        server.enqueue(MockResponse.builder().header("Content-Type", "text/plain").gzipBody(text).chunked(100)
                .build());
        Peer compressed = curl("--compressed", "-D", "headers.txt", server.url("/gzip").toString());
        assertEquals(0, compressed.exitCode(), compressed.stderr());
        assertEquals(text, compressed.stdout());
        String headers = Files.readString(dir.resolve("headers.txt"), StandardCharsets.ISO_8859_1);
        assertTrue(headers.contains("transfer-encoding: chunked"), headers);
        assertTrue(headers.contains("content-encoding: gzip"), headers);
        assertTrue(server.takeRequest().header("Accept-Encoding").orElseThrow().contains("gzip"));

        server.enqueue(MockResponse.builder().body(text).throttle(1024, Duration.ofMillis(10)).build());
        Peer slow = curl(server.url("/slow").toString());
        assertEquals(0, slow.exitCode(), slow.stderr());
        assertEquals(text, slow.stdout());
    }

    @Test
    void curlExpectingContinueGetsEachAnswer() throws Exception {
        Path upload = dir.resolve("upload.bin");
        Files.writeString(upload, "x".repeat(5000));
        String expect = "Expect: 100-continue";

        server.enqueue(MockResponse.builder().status(201).build());
        Peer accepted = curl("-v", "-H", expect, "--data-binary", "@upload.bin", "-o", "/dev/null",
                "-w", "%{http_code}", server.url("/continue").toString());
        assertEquals("201", accepted.stdout(), accepted.stderr());
        assertTrue(accepted.stderr().contains("HTTP/1.1 100 Continue"), accepted.stderr());
        assertEquals(5000, server.takeRequest().body().length);

        server.enqueue(MockResponse.builder().expectContinue(MockResponse.ExpectContinue.REJECT).build());
        Peer rejected = curl("-H", expect, "--data-binary", "@upload.bin", "-o", "/dev/null", "-w", "%{http_code}",
                server.url("/reject").toString());
        assertEquals("417", rejected.stdout(), rejected.stderr());
        assertEquals(0, server.takeRequest().body().length);

        server.enqueue(MockResponse.builder().status(403).body("no")
                .expectContinue(MockResponse.ExpectContinue.FINAL_RESPONSE).build());
        Peer refused = curl("-v", "-H", expect, "--data-binary", "@upload.bin", "-w", " %{http_code}",
                server.url("/final").toString());
        assertEquals("no 403", refused.stdout(), refused.stderr());
        assertTrue(!refused.stderr().contains("100 Continue"), refused.stderr());
        assertEquals(0, server.takeRequest().body().length);
    }

    @Test
    void httpsThroughTheTestCaForCurlAndTheJdk() throws Exception {
        try (MockHttpServer https = MockHttpServer.start(MockHttpServerConfig.builder().takeTimeout(WAIT)
                .tls(TlsServerConfig.builder().certificate(serverCertificate).build()).build())) {
            assertEquals("https", https.url("/").getScheme());
            https.enqueue(MockResponse.builder().body("secret").build());
            https.enqueue(MockResponse.builder().chunkedBody("from the jdk", 5).build());

            Peer run = Peer.run(dir, List.of(Peer.curl(), "-sS", "--max-time", "15", "--cacert", "ca.pem",
                    https.url("/tls").toString()));
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals("secret", run.stdout());

            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(WAIT).build();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(https.url("/jdk")).timeout(WAIT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("from the jdk", answer.body());

            https.enqueue(MockResponse.builder().body("last words").socketPolicy(SocketPolicy.HALF_CLOSE).build());
            Peer half = Peer.run(dir, List.of(Peer.curl(), "-sS", "--max-time", "15", "--cacert", "ca.pem",
                    https.url("/half").toString()));
            assertEquals(0, half.exitCode(), "a close_notify, then the end of the stream: " + half.stderr());
            assertEquals("last words", half.stdout());

            assertEquals("/tls", https.takeRequest().path());
            assertEquals("/jdk", https.takeRequest().path());
            assertEquals("/half", https.takeRequest().path());
            assertEquals(3, https.connectionCount());
        }
    }

    /** One python3 run of steps against the mock, one printed line per step. */
    private static final String PYTHON_STEPS = String.join("\n",
            "import http.client, sys, urllib.request",
            "port = int(sys.argv[1])",
            "def step(name, action):",
            "    try:",
            "        print(name, action(), flush=True)",
            "    except Exception as e:",
            "        print(name, type(e).__name__, flush=True)",
            "def read(c, method, path, body=None):",
            "    c.request(method, path, body=body)",
            "    r = c.getresponse()",
            "    return '%d:%s' % (r.status, r.read().decode())",
            "def fresh(path, timeout=10):",
            "    c = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)",
            "    try:",
            "        return read(c, 'GET', path)",
            "    finally:",
            "        c.close()",
            "kept = http.client.HTTPConnection('127.0.0.1', port, timeout=10)",
            "step('k1', lambda: read(kept, 'GET', '/k1'))",
            "step('k2', lambda: read(kept, 'POST', '/k2', body=iter([b'ab', b'cd'])))",
            "step('after', lambda: read(kept, 'GET', '/after'))",
            "kept.close()",
            "step('mid', lambda: fresh('/mid'))",
            "step('reset', lambda: fresh('/reset'))",
            "step('stall', lambda: fresh('/stall', timeout=0.5))",
            "url = 'http://127.0.0.1:%d' % port",
            "step('u1', lambda: urllib.request.urlopen(url + '/u1', timeout=10).read().decode())",
            "step('u2', lambda: urllib.request.urlopen(url + '/u2', timeout=10).read().decode())",
            "");

    @Test
    void pythonHttpClientAndUrllibSeeTheScript() throws Exception {
        server.enqueue(MockResponse.builder().body("one").build());
        server.enqueue(MockResponse.builder().status(202).body("two").build());
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.CLOSE_AFTER_REQUEST).build());
        server.enqueue(MockResponse.builder().body("0123456789").socketPolicy(SocketPolicy.CLOSE_MID_BODY).build());
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.RESET).build());
        server.enqueue(MockResponse.builder().socketPolicy(SocketPolicy.STALL).build());
        server.enqueue(MockResponse.builder().body("u-one").build());
        server.enqueue(MockResponse.builder().body("u-two").build());
        Path script = dir.resolve("steps.py");
        Files.writeString(script, PYTHON_STEPS);

        Peer run = Peer.run(dir, List.of(Peer.python(), script.toString(), String.valueOf(server.port())));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("k1 200:one", "k2 202:two", "after RemoteDisconnected", "mid IncompleteRead",
                "reset ConnectionResetError", "stall TimeoutError", "u1 u-one", "u2 u-two"),
                run.stdout().lines().toList());

        RecordedRequest k1 = server.takeRequest();
        RecordedRequest k2 = server.takeRequest();
        RecordedRequest after = server.takeRequest();
        assertEquals(List.of(0, 0, 0), List.of(k1.connectionIndex(), k2.connectionIndex(), after.connectionIndex()));
        assertEquals(List.of(0, 1, 2), List.of(k1.sequenceOnConnection(), k2.sequenceOnConnection(),
                after.sequenceOnConnection()));
        assertTrue(k2.chunked(), "http.client sends an iterable body chunked");
        assertEquals("abcd", k2.bodyText());
        for (String path : List.of("/mid", "/reset", "/stall")) {
            assertEquals(path, server.takeRequest().path());
        }
        RecordedRequest u1 = server.takeRequest();
        RecordedRequest u2 = server.takeRequest();
        assertEquals("close", u1.header("Connection").orElseThrow(), "urllib asks to close each connection");
        assertTrue(u2.connectionIndex() > u1.connectionIndex());
        assertEquals(0, u2.sequenceOnConnection());
    }
}

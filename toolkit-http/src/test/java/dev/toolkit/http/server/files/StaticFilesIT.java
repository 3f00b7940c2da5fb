package dev.toolkit.http.server.files;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.HttpServer;
import dev.toolkit.http.server.HttpServerConfig;
import dev.toolkit.http.server.Router;
import dev.toolkit.testing.Peers;
import dev.toolkit.tls.CertificateAuthority;
import dev.toolkit.tls.CertificateSpec;
import dev.toolkit.tls.KeyAndCertificates;
import dev.toolkit.tls.Pem;
import dev.toolkit.tls.TlsServerConfig;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Static files and the router behind a real server, asked by curl, Python and raw sockets, plain and TLS. */
class StaticFilesIT {

    @TempDir
    static Path temp;
    static Path root;
    static byte[] data;
    static String text;
    static RunningServer<ConnectionMetrics> plain;
    static RunningServer<ConnectionMetrics> tls;
    static Path caFile;
    static String curl;

    @BeforeAll
    static void start() throws IOException {
        root = Files.createDirectories(temp.resolve("root"));
        data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + i / 7);
        }
        Files.write(root.resolve("data.bin"), data);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            lines.append("line ").append(i).append(" of a compressible text file\n");
        }
        text = lines.toString();
        Files.writeString(root.resolve("text.txt"), text);
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "<h1>docs</h1>\n");
        Files.writeString(temp.resolve("secret.txt"), "top secret");
        Files.createSymbolicLink(root.resolve("escape.txt"), temp.resolve("secret.txt"));

        StaticFiles files = StaticFiles.builder(root).build();
        Router router = Router.builder()
                .get("/api/{name}", request -> HttpResponse.text(200, "hi " + request.pathParameter("name")
                        .orElseThrow()))
                .route(HttpMethod.GET, "/static/*", files)
                .fallback(files)
                .build();
        plain = HttpServer.bind(router);
        CertificateAuthority ca = CertificateAuthority.create("files test CA");
        KeyAndCertificates certificate = ca.issue(CertificateSpec.server("localhost").dns("localhost")
                .ip("127.0.0.1"));
        caFile = temp.resolve("ca.pem");
        Pem.write(caFile, Pem.certificates(List.of(ca.certificate())));
        TlsServerConfig security = TlsServerConfig.builder().certificate(certificate).build();
        tls = HttpServer.bind(HttpServerConfig.builder().server(ServerConfig.builder().name("https-files")
                .host("127.0.0.1").port(0).security(security).build()).build(), router);
    }

    @AfterAll
    static void stop() {
        if (plain != null) {
            plain.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + plain.localAddress().getPort();
    }

    private static String secureBase() {
        return "https://127.0.0.1:" + tls.localAddress().getPort();
    }

    private static String curl() {
        if (curl == null) {
            curl = Peers.require("curl", "curl");
        }
        return curl;
    }

    /** Runs a program; returns its standard output (standard error goes to a file named in a failure). */
    private static byte[] run(String... command) throws Exception {
        Path errors = Files.createTempFile(temp, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + Arrays.toString(command));
        assertEquals(0, process.exitValue(), Arrays.toString(command) + ": " + Files.readString(errors));
        return out;
    }

    /** Runs curl with {@code args}, writing the response head to a file; returns {head, body}. */
    private static String[] curlHeadAndBody(String... args) throws Exception {
        Path head = Files.createTempFile(temp, "head", ".txt");
        List<String> command = new ArrayList<>(List.of(curl(), "-sS", "--max-time", "30", "-D", head.toString()));
        command.addAll(List.of(args));
        byte[] body = run(command.toArray(new String[0]));
        return new String[] {Files.readString(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT),
            new String(body, StandardCharsets.ISO_8859_1)};
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void curlRangesOfOneAndTwoParts() throws Exception {
        String[] one = curlHeadAndBody("-r", "0-99", base() + "/data.bin");
        assertTrue(one[0].startsWith("http/1.1 206"), one[0]);
        assertTrue(one[0].contains("content-range: bytes 0-99/300000"), one[0]);
        assertArrayEquals(Arrays.copyOfRange(data, 0, 100), bytes(one[1]));

        String[] two = curlHeadAndBody("-r", "0-1,5-6", base() + "/data.bin");
        assertTrue(two[0].startsWith("http/1.1 206"), two[0]);
        int at = two[0].indexOf("boundary=");
        assertTrue(at > 0, two[0]);
        String boundary = two[0].substring(at + "boundary=".length()).split("\r\n")[0].trim();
        String body = two[1];
        assertTrue(body.contains("Content-Range: bytes 0-1/300000\r\n\r\n"
                + new String(Arrays.copyOfRange(data, 0, 2), StandardCharsets.ISO_8859_1) + "\r\n--"), body);
        assertTrue(body.contains("Content-Range: bytes 5-6/300000\r\n\r\n"
                + new String(Arrays.copyOfRange(data, 5, 7), StandardCharsets.ISO_8859_1) + "\r\n--"), body);
        assertTrue(body.toLowerCase(Locale.ROOT).endsWith("--" + boundary + "--\r\n"), body);

        String[] unsatisfiable = curlHeadAndBody("-r", "300000-", base() + "/data.bin");
        assertTrue(unsatisfiable[0].startsWith("http/1.1 416"), unsatisfiable[0]);
        assertTrue(unsatisfiable[0].contains("content-range: bytes */300000"), unsatisfiable[0]);
    }

    @Test
    void curlConditionalAndHead() throws Exception {
        String[] head = curlHeadAndBody("-I", base() + "/text.txt");
        assertTrue(head[0].startsWith("http/1.1 200"), head[0]);
        assertTrue(head[0].contains("content-length: " + text.length()), head[0]);
        assertTrue(head[0].contains("etag: \""), head[0]);
        assertTrue(head[1].endsWith("\r\n\r\n"), "-I prints the head only: " + head[1]);
        // -z with the file itself: If-Modified-Since its own time
        String[] notModified = curlHeadAndBody("-z", root.resolve("text.txt").toString(), base() + "/text.txt");
        assertTrue(notModified[0].startsWith("http/1.1 304"), notModified[0]);
        assertEquals("", notModified[1]);
        String[] modified = curlHeadAndBody("-z", "Thu, 01 Jan 1970 00:00:01 GMT", base() + "/text.txt");
        assertTrue(modified[0].startsWith("http/1.1 200"), modified[0]);
    }

    @Test
    void curlCompressedNeverCompressesAFileOrARange() throws Exception {
        String[] whole = curlHeadAndBody("--compressed", base() + "/text.txt");
        assertTrue(whole[0].startsWith("http/1.1 200"), whole[0]);
        assertFalse(whole[0].contains("content-encoding"), whole[0]);
        assertEquals(text, whole[1]);
        String[] range = curlHeadAndBody("--compressed", "-r", "5-9", base() + "/text.txt");
        assertTrue(range[0].startsWith("http/1.1 206"), range[0]);
        assertFalse(range[0].contains("content-encoding"), range[0]);
        assertEquals(text.substring(5, 10), range[1]);
    }

    @Test
    void curlRouterStatuses() throws Exception {
        assertEquals("hi you", curlHeadAndBody(base() + "/api/you")[1]);
        String[] delete = curlHeadAndBody("-X", "DELETE", base() + "/api/you");
        assertTrue(delete[0].startsWith("http/1.1 405"), delete[0]);
        assertTrue(delete[0].contains("allow: get, head, options"), delete[0]);
        String[] head = curlHeadAndBody("-I", base() + "/api/you");
        assertTrue(head[0].startsWith("http/1.1 200") && head[0].contains("content-length: 6"), head[0]);
        assertTrue(head[1].endsWith("\r\n\r\n") && !head[1].contains("hi you"), "HEAD has no body: " + head[1]);
        String[] options = curlHeadAndBody("-X", "OPTIONS", base() + "/api/you");
        assertTrue(options[0].startsWith("http/1.1 204"), options[0]);
        String[] index = curlHeadAndBody(base() + "/static/docs/");
        assertEquals("<h1>docs</h1>\n", index[1]);
        String[] redirect = curlHeadAndBody(base() + "/docs?x=1");
        assertTrue(redirect[0].startsWith("http/1.1 301"), redirect[0]);
        assertTrue(redirect[0].contains("location: /docs/?x=1"), redirect[0]);
        assertTrue(curlHeadAndBody(base() + "/escape.txt")[0].startsWith("http/1.1 404"));
        assertTrue(curlHeadAndBody("--path-as-is", base() + "/static/../../secret.txt")[0]
                .startsWith("http/1.1 400"));
    }

    @Test
    void pythonUrllibAndRequestsWithARange() throws Exception {
        String python = Peers.require("python3", "python3");
        String script = String.join("\n",
                "import sys, urllib.request, requests",
                "url = sys.argv[1]",
                "r = urllib.request.urlopen(urllib.request.Request(url, headers={'Range': 'bytes=-10'}), timeout=30)",
                "body = r.read()",
                "print(r.status, r.headers['Content-Range'], len(body), body.hex())",
                "s = requests.get(url, headers={'Range': 'bytes=100-109'}, timeout=30)",
                "print(s.status_code, s.headers['Content-Range'], len(s.content), s.content.hex())",
                "w = requests.get(url, timeout=30)",
                "print(w.status_code, w.headers['Accept-Ranges'], len(w.content))");
        String out = new String(run(python, "-c", script, base() + "/data.bin"), StandardCharsets.UTF_8);
        String[] lines = out.trim().split("\n");
        assertEquals("206 bytes 299990-299999/300000 10 " + hex(Arrays.copyOfRange(data, 299_990, 300_000)),
                lines[0]);
        assertEquals("206 bytes 100-109/300000 10 " + hex(Arrays.copyOfRange(data, 100, 110)), lines[1]);
        assertEquals("200 bytes 300000", lines[2]);
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    @Test
    void traversalOnRawSocketsNeverReachesTheSecret() throws Exception {
        String[] targets = {"/../secret.txt", "/%2e%2e/secret.txt", "/static/..%2f..%2fsecret.txt",
            "/static/%2E%2E/secret.txt", "/..%5csecret.txt", "/text.txt%00.png", "/./text.txt",
            "/docs/../../secret.txt", "/static/docs/%2e%2e/%2e%2e/secret.txt", "/..\\secret.txt"};
        for (String target : targets) {
            String answer = raw(plain.localAddress(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");
            String status = answer.isEmpty() ? "" : answer.substring(0, answer.indexOf("\r\n"));
            assertTrue(status.startsWith("HTTP/1.1 400") || status.startsWith("HTTP/1.1 404"), target + ": " + status);
            assertFalse(answer.contains("top secret"), target);
        }
    }

    private static String raw(InetSocketAddress address, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 30_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // a reset after the answer ends it too
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void overTlsWholeFilesAndRangesArrive() throws Exception {
        String[] whole = curlHeadAndBody("--cacert", caFile.toString(), secureBase() + "/data.bin");
        assertTrue(whole[0].startsWith("http/1.1 200"), whole[0]);
        assertArrayEquals(data, bytes(whole[1]));
        String[] range = curlHeadAndBody("--cacert", caFile.toString(), "-r", "1000-2999",
                secureBase() + "/static/data.bin");
        assertTrue(range[0].startsWith("http/1.1 206"), range[0]);
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 3000), bytes(range[1]));
        String[] two = curlHeadAndBody("--cacert", caFile.toString(), "-r", "0-1,299998-", secureBase() + "/data.bin");
        assertTrue(two[0].contains("multipart/byteranges"), two[0]);
        assertTrue(two[1].contains("Content-Range: bytes 299998-299999/300000"), two[1]);
    }
}

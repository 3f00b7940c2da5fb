package dev.toolkit.http.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One server and real clients nobody here wrote: curl, and Python's http.client, urllib and requests. */
class HttpServerClientsIT {

    private static final String BIG = "All work and no play makes a dull server. ".repeat(500);

    @TempDir
    static Path dir;
    private static RunningServer<ConnectionMetrics> server;
    private static String base;

    @BeforeAll
    static void start() {
        server = HttpServer.bind(HttpServerConfig.builder().accessLog(false).build(),
                HttpApplication.blocking(HttpServerClientsIT::handle));
        base = "http://127.0.0.1:" + server.localAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse handle(HttpRequest request) throws Exception {
        switch (request.path()) {
            case "/big":
                return HttpResponse.text(200, BIG);
            case "/echo":
                return HttpResponse.ok(ResponseBody.bytes(request.body().bytes(), "application/octet-stream"));
            case "/count":
                long total = 0;
                byte[] buffer = new byte[8192];
                try (var in = request.body().stream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        total += n;
                    }
                }
                return HttpResponse.text(200, Long.toString(total));
            case "/form": {
                Form form = request.body().form();
                Map<String, Object> answer = new TreeMap<>();
                answer.put("fields", form.fields());
                List<String> files = new ArrayList<>();
                for (FormFile file : form.files()) {
                    files.add(file.fieldName() + ":" + file.fileName() + ":" + file.size() + ":"
                            + Files.readString(file.path()).length());
                }
                answer.put("files", files);
                return HttpResponse.json(200, answer);
            }
            case "/json":
                return HttpResponse.json(200, Map.of("got", request.body().json(Map.class)));
            default:
                return HttpResponse.text(200, "hello " + request.method() + " " + request.path() + " "
                        + request.queryParameters());
        }
    }

    /** Runs {@code command}; returns stdout, and stderr after a NUL. */
    private static String[] run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
        assertEquals(0, process.exitValue(), command + ": " + stdout + "\n" + stderr);
        return new String[] {stdout, stderr};
    }

    private static String curl() {
        return Peers.require("curl", "curl");
    }

    /** Debian's python3 with the {@code requests} module (Debian: python3-requests). */
    private static String python() throws IOException, InterruptedException {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
                : Peers.require("python3", "python3");
        Process check = new ProcessBuilder(python, "-c", "import requests").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
            String message = python + " has no requests module (Debian: apt-get install python3-requests)";
            if (Peers.inCi()) {
                throw new AssertionError("CI=true and a test peer is missing: " + message);
            }
            org.junit.jupiter.api.Assumptions.abort(message + "; skipping");
        }
        return python;
    }

    @Test
    void curlReusesTheKeepAliveConnection() throws Exception {
        String[] result = run(List.of(curl(), "-sS", "-v", base + "/a", base + "/b"));
        assertEquals("hello GET /a {}hello GET /b {}", result[0]);
        assertTrue(result[1].contains("Re-using"), result[1]);
    }

    @Test
    void curlCompressedGetsGzipAndDecodesIt() throws Exception {
        String[] result = run(List.of(curl(), "-sS", "-v", "--compressed", base + "/big"));
        assertEquals(BIG, result[0]);
        assertTrue(result[1].toLowerCase().contains("content-encoding: gzip"), result[1]);
        assertTrue(result[1].toLowerCase().contains("vary: accept-encoding"), result[1]);
    }

    @Test
    void curlExpectContinueGets100ThenTheAnswer() throws Exception {
        Path body = Files.writeString(dir.resolve("body.txt"), "x".repeat(5000));
        String[] result = run(List.of(curl(), "-sS", "-v", "-H", "Expect: 100-continue", "--data-binary",
                "@" + body, base + "/echo"));
        assertEquals("x".repeat(5000), result[0]);
        assertTrue(result[1].contains("HTTP/1.1 100 Continue"), result[1]);
    }

    @Test
    void curlChunkedUploadIsStreamed() throws Exception {
        Path body = Files.write(dir.resolve("chunked.bin"), new byte[300_000]);
        String[] result = run(List.of(curl(), "-sS", "-H", "Transfer-Encoding: chunked", "--data-binary",
                "@" + body, base + "/count"));
        assertEquals("300000", result[0]);
    }

    @Test
    void curlMultipartFormIsParsedWithTheFileOnDisk() throws Exception {
        Path upload = Files.writeString(dir.resolve("upload.txt"), "y".repeat(40_000));
        String[] result = run(List.of(curl(), "-sS", "-F", "name=value", "-F", "file=@" + upload, base + "/form"));
        assertEquals("{\"fields\":{\"name\":[\"value\"]},\"files\":[\"file:upload.txt:40000:40000\"]}", result[0]);
    }

    @Test
    void pythonClientsGetTheSameAnswers() throws Exception {
        String script = String.join("\n",
                "import http.client, json, sys, urllib.request, urllib.parse",
                "import requests",
                "port = int(sys.argv[1])",
                "c = http.client.HTTPConnection('127.0.0.1', port, timeout=30)",
                "c.request('GET', '/p?q=1&q=2')",
                "r = c.getresponse(); print(r.status, r.read().decode())",
                "c.request('POST', '/echo', body=b'posted')",
                "r = c.getresponse(); print(r.status, r.read().decode())",
                "c.close()",
                "with urllib.request.urlopen('http://127.0.0.1:%d/u' % port, timeout=30) as r:",
                "    print(r.status, r.read().decode(), r.headers['Content-Type'])",
                "data = urllib.parse.urlencode({'a': '1 2', 'b': 'ü'}).encode()",
                "with urllib.request.urlopen('http://127.0.0.1:%d/form' % port, data=data, timeout=30) as r:",
                "    print(r.status, r.read().decode())",
                "s = requests.Session()",
                "r = s.get('http://127.0.0.1:%d/big' % port, timeout=30)",
                "print(r.status_code, r.headers.get('Content-Encoding'), len(r.text))",
                "r = s.post('http://127.0.0.1:%d/json' % port, json={'k': [1, 2]}, timeout=30)",
                "print(r.status_code, r.json())",
                "r = s.post('http://127.0.0.1:%d/form' % port, files={'f': ('f.txt', b'abc')}, data={'x': 'y'},"
                        + " timeout=30)",
                "print(r.status_code, r.json())",
                "");
        Path file = Files.writeString(dir.resolve("clients.py"), script);
        String[] result = run(List.of(python(), file.toString(), Integer.toString(server.localAddress().getPort())));
        String[] lines = result[0].split("\n");
        assertEquals("200 hello GET /p {q=[1, 2]}", lines[0]);
        assertEquals("200 posted", lines[1]);
        assertEquals("200 hello GET /u {} text/plain; charset=utf-8", lines[2]);
        assertEquals("200 {\"fields\":{\"a\":[\"1 2\"],\"b\":[\"ü\"]},\"files\":[]}", lines[3]);
        assertEquals("200 gzip " + BIG.length(), lines[4]);
        assertEquals("200 {'got': {'k': [1, 2]}}", lines[5]);
        assertEquals("200 {'fields': {'x': ['y']}, 'files': ['f:f.txt:3:3']}", lines[6]);
    }
}

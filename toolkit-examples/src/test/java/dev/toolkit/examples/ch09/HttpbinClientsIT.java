package dev.toolkit.examples.ch09;

import dev.toolkit.examples.support.ListingServer;
import dev.toolkit.examples.support.PeerProcess;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ch09 httpbin} with curl: JSON bodies, redirects followed and not, basic auth, a cookie jar, gzip
 * decoded by {@code --compressed}, HEAD, keep-alive reuse; and {@code --noisy} showing the bytes on the wire.
 * (The chapter's Python sessions are compared with httpbin's own answers in {@link HttpbinDifferentialIT}.)
 */
class HttpbinClientsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ListingServer httpbin;
    private static String curl;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws InterruptedException {
        curl = Peers.require("curl", "curl");
        httpbin = ListingServer.start("ch09", "httpbin", Chapter09Demos.LISTENING, "127.0.0.1", "-p", "0");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (httpbin != null) {
            httpbin.close();
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(curl, "-s", "--max-time", "30"));
        command.addAll(List.of(args));
        return PeerProcess.run(command, TIMEOUT);
    }

    private static String url(String path) {
        return httpbin.baseUrl() + path;
    }

    @Test
    void jsonEndpointsAnswerWithHttpbinsKeys() throws Exception {
        String host = "127.0.0.1:" + httpbin.port();
        assertEquals("{\"headers\":{\"Accept\":\"*/*\",\"Host\":\"" + host + "\",\"User-Agent\":\"ua\"}}",
                curl("-A", "ua", url("/headers")));
        assertEquals("{\"args\":{\"a\":[\"1\",\"2\"],\"b\":\" x\"},\"headers\":{\"Accept\":\"*/*\",\"Host\":\""
                + host + "\",\"User-Agent\":\"ua\"},\"origin\":\"127.0.0.1\",\"url\":\"http://" + host
                + "/get?a=1&a=2&b=%20x\"}", curl("-A", "ua", url("/get?a=1&a=2&b=%20x")));
        assertEquals("{\"origin\":\"127.0.0.1\"}", curl(url("/ip")));
        assertEquals("{\"user-agent\":\"ua\"}", curl("-A", "ua", url("/user-agent")));
        assertTrue(curl("-d", "a=1&b=2", url("/post")).contains("\"form\":{\"a\":\"1\",\"b\":\"2\"}"));
    }

    @Test
    void redirectsAreFollowedOrNotAsAsked() throws Exception {
        assertEquals("302 /relative-redirect/2", curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                url("/redirect/3")).replace(httpbin.baseUrl(), ""));
        assertEquals("200 3 http://127.0.0.1:" + httpbin.port() + "/get", curl("-L", "-o", "/dev/null", "-w",
                "%{http_code} %{num_redirects} %{url_effective}", url("/redirect/3")));
        assertEquals("200 2", curl("-L", "-o", "/dev/null", "-w", "%{http_code} %{num_redirects}",
                url("/status/307")));
    }

    @Test
    void basicAuthCookiesAndGzip() throws Exception {
        assertEquals("401 Basic realm=\"Fake Realm\"", curl("-o", "/dev/null", "-D", "-", "-w", "%{http_code}",
                url("/basic-auth/user/passwd")).lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("www-authenticate: "))
                .map(l -> "401 " + l.substring("WWW-Authenticate: ".length()).strip()).findFirst().orElse("none"));
        assertEquals("{\"authenticated\":true,\"user\":\"user\"}", curl("-u", "user:passwd",
                url("/basic-auth/user/passwd")));
        Path jar = dir.resolve("cookies.txt");
        assertEquals("{\"cookies\":{\"k\":\"v\"}}", curl("-L", "-c", jar.toString(), "-b", jar.toString(),
                url("/cookies/set?k=v")));
        assertTrue(Files.readString(jar).contains("\tk\tv"), Files.readString(jar));
        assertEquals("{\"cookies\":{\"k\":\"v\"}}", curl("-b", jar.toString(), url("/cookies")));
        String gzip = curl("--compressed", url("/gzip"));
        assertTrue(gzip.startsWith("{\"gzipped\":true,\"headers\":{"), gzip);
        assertTrue(gzip.contains("\"method\":\"GET\""), gzip);
    }

    @Test
    void headAndKeepAliveReuse() throws Exception {
        String head = curl("-I", url("/get"));
        assertTrue(head.startsWith("HTTP/1.1 200 OK"), head);
        // header names are case-insensitive; the server writes them in lower case
        assertTrue(head.toLowerCase(Locale.ROOT).contains("content-type: application/json"), head);
        assertTrue(head.toLowerCase(Locale.ROOT).contains("access-control-allow-origin: *"), head);
        List<String> verbose = new ArrayList<>(List.of(curl, "-s", "-v", "-o", "/dev/null", "-o", "/dev/null",
                url("/get"), url("/ip")));
        try (PeerProcess p = PeerProcess.start(verbose, dir, Map.of())) {
            assertEquals(0, p.awaitExit(TIMEOUT));
            assertTrue(p.err().stream().anyMatch(l -> l.contains("Re-using existing connection")), p.err().toString());
        }
    }

    @Test
    void noisyShowsEachRequestAndResponseOnTheWire() throws Exception {
        // a launcher of its own: the wire log's level is read once per JVM, when its logger is made
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.toolkit.examples.Launcher", "ch09", "httpbin",
                "127.0.0.1", "-p", "0", "--noisy");
        try (PeerProcess noisy = PeerProcess.start(command, dir, Map.of())) {
            String port = noisy.awaitLine(Pattern.compile("^Listening at: http://127\\.0\\.0\\.1:(\\d+)$"), TIMEOUT)
                    .group(1);
            assertEquals("{\"origin\":\"127.0.0.1\"}", curl("http://127.0.0.1:" + port + "/ip"));
            noisy.awaitLine(Pattern.compile("READ \\d+B b'GET /ip HTTP/1\\.1\\\\r\\\\nHost: 127\\.0\\.0\\.1:" + port),
                    TIMEOUT);
            noisy.awaitLine(Pattern.compile("WRITE \\d+B b'HTTP/1\\.1 200 OK\\\\r\\\\n.*\\\\r\\\\n\\\\r\\\\n"
                    + "\\{\"origin\":\"127\\.0\\.0\\.1\"\\}\\\\n'"), TIMEOUT);
        }
    }
}

package dev.toolkit.examples.ch09;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolkit.examples.support.DebianPython;
import dev.toolkit.examples.support.ListingServer;
import dev.toolkit.examples.support.PeerProcess;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential test of chapter 9: the chapter's Requests, {@code urllib} and {@code http.client} sessions
 * ({@code python/httpbin_session.py}, run by Debian's python3) against Debian's own httpbin under Gunicorn and
 * against {@code ch09 httpbin}. Their summaries (statuses, reasons, URLs, {@code Location} chains, redirect
 * histories, response header names, bodies with the server's address taken out) must be equal.
 */
class HttpbinDifferentialIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern GUNICORN_LISTENING = Pattern.compile("Listening at: http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void theChaptersSessionsSeeTheSameAnswersFromBothServers() throws Exception {
        String python = DebianPython.require(DebianPython.Module.REQUESTS, DebianPython.Module.HTTPBIN);
        String gunicorn = Peers.require("gunicorn", "gunicorn");
        JsonNode fromHttpbin;
        try (PeerProcess httpbin = PeerProcess.startClean(List.of(python, gunicorn, "-b", "127.0.0.1:0",
                "--workers", "1", "httpbin:app"), workDir, Map.of())) {
            String port = httpbin.awaitLine(GUNICORN_LISTENING, TIMEOUT).group(1);
            fromHttpbin = session(python, "http://127.0.0.1:" + port);
        }
        JsonNode fromJava;
        try (ListingServer java = ListingServer.start("ch09", "httpbin", Chapter09Demos.LISTENING, "127.0.0.1",
                "-p", "0")) {
            fromJava = session(python, java.baseUrl());
        }
        List<String> differences = new ArrayList<>();
        compare("", fromHttpbin, fromJava, differences);
        assertEquals(List.of(), differences, "where ch09 httpbin answers otherwise than httpbin");
        // the comparison covered the chapter's cases, not an empty summary
        assertEquals(List.of(301, 302), List.of(fromJava.at("/requests/GET ~1status~1301/history/0/0").asInt(),
                fromJava.at("/requests/GET ~1status~1301/history/1/0").asInt()));
        assertTrue(fromJava.at("/requests/raise_for_status 500").asText().startsWith(
                "HTTPError: 500 Server Error: INTERNAL SERVER ERROR"), fromJava.toString());
        assertTrue(fromJava.at("/requests/GET ~1gzip/body/gzipped").asBoolean(), fromJava.toString());
    }

    private static JsonNode session(String python, String baseUrl) throws Exception {
        return JSON.readTree(PeerProcess.run(List.of(python, DebianPython.script("httpbin_session.py").toString(),
                baseUrl), TIMEOUT));
    }

    /** Every place where {@code actual} differs from {@code expected}, as JSON pointers with both values. */
    private static void compare(String at, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isObject() && actual.isObject()) {
            Iterator<String> names = expected.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                compare(at + "/" + name, expected.get(name), actual.path(name), differences);
            }
            actual.fieldNames().forEachRemaining(name -> {
                if (!expected.has(name)) {
                    differences.add(at + "/" + name + ": not in httpbin's answer, got " + actual.get(name));
                }
            });
        } else if (!expected.equals(actual)) {
            differences.add(at + ": httpbin " + expected + ", ch09 httpbin " + actual);
        }
    }
}

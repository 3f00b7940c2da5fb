package dev.toolkit.examples.ch10;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolkit.examples.support.DebianPython;
import dev.toolkit.examples.support.ListingServer;
import dev.toolkit.examples.support.PeerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code wsgi_env} against the book's listing under Python's own {@code wsgiref} (Debian's python3): the same
 * request bytes sent to both must give the same environment keys, in the same order and layout, and the same
 * values wherever the value does not name the server (its port and software, the objects behind
 * {@code wsgi.*}, and whether it is multithreaded).
 */
class WsgiEnvAgainstWsgirefIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SERVING = Pattern.compile("Serving on 127\\.0\\.0\\.1 port (\\d+)");
    private static final Pattern OS_KEYS = Pattern.compile("^OS environment keys: (.*)$");
    /** Keys whose values name the server, not the request. */
    private static final Set<String> SERVER_VALUES = Set.of("SERVER_PORT", "SERVER_SOFTWARE", "HTTP_HOST",
            "wsgi.errors", "wsgi.file_wrapper", "wsgi.input", "wsgi.multithread");
    private static final Pattern ENTRY = Pattern.compile("^[{ ]('[^']+'): ");

    private static ListingServer java;
    private static PeerProcess python;
    private static int pythonPort;
    private static List<String> pythonOsKeys;

    @BeforeAll
    static void start() throws Exception {
        String interpreter = DebianPython.require();
        java = ListingServer.start("ch10", "wsgi_env", SERVING, "127.0.0.1", "-p", "0", "--quiet");
        python = PeerProcess.startClean(List.of(interpreter, "-u", DebianPython.script("wsgi_env.py").toString(),
                "127.0.0.1", "-p", "0"), Path.of("."), Map.of());
        pythonPort = Integer.parseInt(python.awaitLine(SERVING, TIMEOUT).group(1));
        String keys = python.awaitLine(OS_KEYS, TIMEOUT).group(1);
        pythonOsKeys = List.of(new ObjectMapper().readValue(keys, String[].class));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (python != null) {
            python.close();
        }
        if (java != null) {
            java.close();
        }
    }

    @Test
    void aGetWithLongRepeatedAndOddHeadersHasTheSameEnvironment() throws IOException {
        assertSameEnvironment("GET /a%20b/caf%C3%A9?x=1&y=%20 HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n"
                + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36 and a few more words to wrap twice over the width\r\n"
                + "X-Custom_thing: 1\r\nX-A: 1\r\nX-A: 2\r\nAccept: */*\r\nX-Quote: it's\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aPostWithABodyHasTheSameEnvironment() throws IOException {
        assertSameEnvironment("POST /form HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1");
    }

    private static void assertSameEnvironment(String request) throws IOException {
        List<String> javaLines = environment(exchange(java.port(), request));
        List<Entry> fromJava = entries(javaLines);
        List<Entry> fromPython = entries(environment(exchange(pythonPort, request)));
        fromPython.removeIf(e -> pythonOsKeys.contains(e.key()));
        assertEquals(fromPython.stream().map(Entry::key).toList(), fromJava.stream().map(Entry::key).toList(),
                "keys, in order (Python's OS variables left out)");
        assertTrue(fromJava.stream().anyMatch(e -> e.key().equals("wsgi.version")), fromJava.toString());
        for (int i = 0; i < fromJava.size(); i++) {
            if (!SERVER_VALUES.contains(fromJava.get(i).key())) {
                assertEquals(fromPython.get(i).lines(), fromJava.get(i).lines(), "the entry " + fromJava.get(i).key());
            }
        }
        // the first and last lines open and close the mapping as pprint does
        assertTrue(javaLines.get(0).startsWith("{'CONTENT_LENGTH': "), javaLines.toString());
        assertEquals(" 'wsgi.version': (1, 0)}", javaLines.get(javaLines.size() - 1));
    }

    /** One entry of the mapping: its key and its lines (continuation lines of a long value included). */
    private record Entry(String key, List<String> lines) {
    }

    private static List<Entry> entries(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ENTRY.matcher(line);
            String unopened = line.startsWith("{") ? " " + line.substring(1) : line;
            // the last entry's line also closes the mapping; compare it without the brace
            String shown = unopened.endsWith("}") ? unopened.substring(0, unopened.length() - 1) : unopened;
            if (m.find()) {
                entries.add(new Entry(m.group(1).replace("'", ""), new ArrayList<>(List.of(shown.replaceFirst(",$",
                        "")))));
            } else {
                entries.get(entries.size() - 1).lines().add(shown.replaceFirst(",$", ""));
            }
        }
        return entries;
    }

    /** The lines of the pretty-printed environment in a wsgi_env answer, checking what comes before it. */
    private static List<String> environment(String response) {
        int bodyStart = response.indexOf("\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1."), response);
        assertTrue(response.substring(0, bodyStart).toLowerCase().contains("content-type: text/plain; charset=utf-8"),
                response);
        String body = response.substring(bodyStart + 4);
        assertTrue(body.startsWith(WsgiEnv.PREAMBLE + "{"), body);
        return new ArrayList<>(body.substring(WsgiEnv.PREAMBLE.length()).lines().toList());
    }

    /** Sends {@code request} (PORT replaced) and reads the answer to the end of the connection. */
    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.replace("PORT", "8000").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}

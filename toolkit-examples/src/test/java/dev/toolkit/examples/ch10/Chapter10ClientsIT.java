package dev.toolkit.examples.ch10;

import dev.toolkit.examples.support.DebianPython;
import dev.toolkit.examples.support.ListingServer;
import dev.toolkit.examples.support.PeerProcess;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.toolkit.examples.ch10.Chapter10Demos.CTIME;
import static dev.toolkit.examples.ch10.Chapter10Demos.SERVING;
import static dev.toolkit.examples.ch10.Chapter10Demos.accessLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code timeapp} and {@code wsgi_env} with real clients: curl, and Debian's python3 with {@code http.client},
 * {@code urllib} and Requests, each request's access line on the server's stderr, and {@code --quiet}.
 */
class Chapter10ClientsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ListingServer timeapp;
    private static ListingServer quiet;
    private static String curl;
    private static String python;

    @BeforeAll
    static void start() throws InterruptedException {
        curl = Peers.require("curl", "curl");
        python = DebianPython.require(DebianPython.Module.REQUESTS);
        timeapp = ListingServer.start("ch10", "timeapp", SERVING, "127.0.0.1", "-p", "0");
        quiet = ListingServer.start("ch10", "wsgi_env", SERVING, "127.0.0.1", "-p", "0", "--quiet");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (ListingServer server : new ListingServer[] {timeapp, quiet}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(curl, "-s", "--max-time", "30"));
        command.addAll(List.of(args));
        return PeerProcess.run(command, TIMEOUT);
    }

    private static String python(String program) throws Exception {
        return PeerProcess.run(List.of(python, "-c", program), TIMEOUT);
    }

    @Test
    void curlGetsTheTimeAndTheRefusalsWithAnAccessLineEach() throws Exception {
        String base = timeapp.baseUrl();
        int before = timeapp.run().err().size();
        assertTrue(curl(base + "/").matches(CTIME), "the time as time.ctime() prints it");
        assertEquals("404 Not Found\n404", curl("-w", "\\n%{http_code}", base + "/nothing?x=1"));
        assertEquals("404 Not Found\n404", curl("-w", "\\n%{http_code}", "-H", "Host: localhost:8000", base + "/"));
        assertEquals("501 Not Implemented\n501 text/plain; charset=utf-8",
                curl("-w", "\\n%{http_code} %{content_type}", "-X", "POST", "-d", "x", base + "/"));
        List<String> lines = timeapp.run().awaitErrLines(before + 4, TIMEOUT);
        assertEquals(List.of(), Expect.lines("timeapp stderr", lines.subList(before, lines.size()),
                List.of(accessLine("GET /", 200), accessLine("GET /nothing?x=1", 404), accessLine("GET /", 404),
                        accessLine("POST /", 501))));
    }

    @Test
    void pythonHttpClientUrllibAndRequestsGetTheTime() throws Exception {
        String host = "127.0.0.1:" + timeapp.port();
        String printed = python("import http.client, urllib.request, urllib.error, requests\n"
                + "c = http.client.HTTPConnection('" + host + "')\n"
                + "c.request('GET', '/'); r = c.getresponse(); print(r.status, r.getheader('Content-Type'), r.read().decode())\n"
                + "c.request('HEAD', '/'); r = c.getresponse(); print(r.status, repr(r.read()))\n"
                + "try:\n    urllib.request.urlopen('http://" + host + "/x')\n"
                + "except urllib.error.HTTPError as e:\n    print(e.code, e.read().decode())\n"
                + "r = requests.put('http://" + host + "/'); print(r.status_code, r.text)\n"
                + "r = requests.get('http://localhost:" + timeapp.port() + "/'); print(r.status_code, r.text)\n");
        List<String> lines = printed.lines().toList();
        assertEquals(5, lines.size(), printed);
        assertTrue(lines.get(0).matches("200 text/plain; charset=utf-8 " + CTIME), printed);
        // HEAD is not GET: 501, and no body
        assertEquals("501 b''", lines.get(1));
        assertEquals(List.of("404 404 Not Found", "501 501 Not Implemented", "404 404 Not Found"),
                lines.subList(2, 5));
    }

    @Test
    void quietWsgiEnvAnswersButPrintsNoAccessLines() throws Exception {
        String body = curl("-A", "curl-test", quiet.baseUrl() + "/path?q=1");
        // read line by line: the preamble's CRLFs are checked byte for byte in WsgiEnvAgainstWsgirefIT
        assertTrue(body.startsWith("Here is the WSGI environment:\n\n{'CONTENT_LENGTH': '',\n"), body);
        assertTrue(body.contains(" 'HTTP_USER_AGENT': 'curl-test',\n"), body);
        assertTrue(body.contains(" 'PATH_INFO': '/path',\n 'QUERY_STRING': 'q=1',\n"), body);
        String viaRequests = python("import requests\nr = requests.get('" + quiet.baseUrl() + "/')\n"
                + "print(r.status_code, r.headers['Content-Type'], r.text.splitlines()[0])");
        assertEquals("200 text/plain; charset=utf-8 Here is the WSGI environment:", viaRequests);
        assertEquals(List.of(), quiet.run().err());
        assertEquals(List.of("Serving on 127.0.0.1 port " + quiet.port()), quiet.run().out());
    }
}

package dev.toolkit.examples.ch10;

import dev.toolkit.examples.tour.Demo;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.HttpDemoClient;
import dev.toolkit.examples.tour.HttpServingDemo;
import dev.toolkit.examples.tour.ListingRun;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tour's demos of chapter 10: {@code wsgi_env} showing a request's environment, and {@code timeapp}
 * telling the time for {@code GET /} and refusing another path, host or method; both with the access lines
 * they print on stderr as {@code wsgiref} does.
 */
public final class Chapter10Demos {

    /** The line both listings print once listening; group 1 is the port. */
    public static final Pattern SERVING = Pattern.compile("Serving on 127\\.0\\.0\\.1 port (\\d+)");

    /** A {@code wsgiref} access line for {@code requestLine} answered with {@code status}, as a pattern. */
    public static String accessLine(String requestLine, int status) {
        return "127\\.0\\.0\\.1 - - \\[\\d\\d/[A-Z][a-z]{2}/\\d{4} \\d\\d:\\d\\d:\\d\\d\\] "
                + Pattern.quote("\"" + requestLine + " HTTP/1.1\" " + status) + " \\d+";
    }

    /** {@code time.ctime()}'s layout: {@code Sun Dec  6 21:00:00 2026}. */
    public static final String CTIME = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}";

    private static final Duration ACCESS_LINES_TIMEOUT = Duration.ofSeconds(30);

    /** The chapter's demos, in book order. */
    public static final List<Demo> ALL = List.of(
            HttpServingDemo.of("ch10", "wsgi_env", "the WSGI environment of a GET, and its access line",
                    List.of("127.0.0.1", "-p", "0"), SERVING, Chapter10Demos::wsgiEnv),
            HttpServingDemo.of("ch10", "timeapp", "200 with the time for GET /; 404 for another path or host; 501",
                    List.of("127.0.0.1", "-p", "0"), SERVING, Chapter10Demos::timeApp));

    private Chapter10Demos() {
    }

    private static List<String> wsgiEnv(HttpDemoClient client, ListingRun server) throws InterruptedException {
        HttpResponse<byte[]> r = client.getAndShow("/hello?name=world");
        String body = HttpDemoClient.text(r);
        List<String> problems = new ArrayList<>();
        expectStatus(problems, r, 200, "text/plain; charset=utf-8");
        if (!body.startsWith(WsgiEnv.PREAMBLE + "{")) {
            problems.add("the body does not start with the preamble and a mapping: " + body);
        }
        for (String entry : List.of("'PATH_INFO': '/hello'", "'QUERY_STRING': 'name=world'",
                "'REQUEST_METHOD': 'GET'", "'SERVER_PROTOCOL': 'HTTP/1.1'", "'wsgi.url_scheme': 'http'")) {
            if (!body.contains(entry)) {
                problems.add("the environment lacks " + entry);
            }
        }
        problems.addAll(accessLines(server, List.of(accessLine("GET /hello?name=world", 200))));
        return problems;
    }

    private static List<String> timeApp(HttpDemoClient client, ListingRun server) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        HttpResponse<byte[]> time = client.get("/");
        expectStatus(problems, time, 200, "text/plain; charset=utf-8");
        if (!HttpDemoClient.text(time).matches(CTIME)) {
            problems.add("not the time as time.ctime() prints it: " + HttpDemoClient.text(time));
        }
        expect(problems, client.get("/elsewhere?x=1"), 404, "404 Not Found");
        URI otherHost = URI.create("http://localhost:" + client.base().getPort() + "/");
        expect(problems, client.get(otherHost.toString()), 404, "404 Not Found");
        expect(problems, client.send(HttpDemoClient.jdkClient(HttpClient.Redirect.NEVER).build(),
                client.request("/").POST(BodyPublishers.ofString("x")).build()), 501, "501 Not Implemented");
        problems.addAll(accessLines(server, List.of(accessLine("GET /", 200), accessLine("GET /elsewhere?x=1", 404),
                accessLine("GET /", 404), accessLine("POST /", 501))));
        return problems;
    }

    private static void expect(List<String> problems, HttpResponse<byte[]> r, int status, String body) {
        expectStatus(problems, r, status, "text/plain; charset=utf-8");
        if (!HttpDemoClient.text(r).equals(body)) {
            problems.add(r.uri() + ": expected the body " + body + " but got " + HttpDemoClient.text(r));
        }
    }

    private static void expectStatus(List<String> problems, HttpResponse<byte[]> r, int status, String type) {
        if (r.statusCode() != status) {
            problems.add(r.request().method() + " " + r.uri() + ": expected status " + status + " but got "
                    + r.statusCode());
        }
        String actual = r.headers().firstValue("Content-Type").orElse("(none)");
        if (!actual.equals(type)) {
            problems.add(r.uri() + ": expected Content-Type " + type + " but got " + actual);
        }
    }

    /** Waits for the server's access lines (printed once each answer is known) and checks them. */
    static List<String> accessLines(ListingRun server, List<String> expected) throws InterruptedException {
        try {
            server.awaitErrLines(expected.size(), ACCESS_LINES_TIMEOUT);
        } catch (IllegalStateException e) {
            return List.of(e.getMessage() + "; printed " + server.err());
        }
        return Expect.lines("server (stderr)", server.err(), expected);
    }
}

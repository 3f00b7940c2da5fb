package dev.toolkit.examples.ch09;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolkit.examples.tour.Demo;
import dev.toolkit.examples.tour.HttpDemoClient;
import dev.toolkit.examples.tour.HttpServingDemo;
import dev.toolkit.examples.tour.ListingRun;

import java.io.IOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tour's demo of chapter 9: the chapter's prompt session against {@code httpbin}, with the JDK's HTTP
 * client standing in for Requests: the headers a client sends, a redirect not followed and then followed
 * (its history), 400 and 500, basic authentication refused and granted, a cookie kept by a session, and a
 * gzip body decoded.
 */
public final class Chapter09Demos {

    /** The line {@code httpbin} prints once listening; group 1 is the port. */
    public static final Pattern LISTENING = Pattern.compile("Listening at: http://127\\.0\\.0\\.1:(\\d+)");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The chapter's demos. */
    public static final List<Demo> ALL = List.of(
            HttpServingDemo.of("ch09", "httpbin",
                    "headers, redirects and history, 400/500, basic auth, a session cookie, gzip",
                    List.of("127.0.0.1", "-p", "0"), LISTENING, Chapter09Demos::session));

    private Chapter09Demos() {
    }

    private static List<String> session(HttpDemoClient client, ListingRun server) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonNode headers = json(client.get("/headers"), problems).path("headers");
        check(problems, headers.has("Host") && headers.has("User-Agent"), "/headers shows Host and User-Agent: "
                + headers);

        HttpResponse<byte[]> notFollowed = client.get("/status/301");
        check(problems, notFollowed.statusCode() == 301, "/status/301 answers 301");
        check(problems, notFollowed.headers().firstValue("Location").orElse("").equals("/redirect/1"),
                "/status/301 points at /redirect/1");
        HttpResponse<byte[]> followed = client.send(HttpDemoClient.jdkClient(HttpClient.Redirect.NORMAL).build(),
                client.request("/status/301").GET().build());
        List<Integer> history = HttpDemoClient.history(followed).stream().map(HttpResponse::statusCode).toList();
        check(problems, followed.statusCode() == 200 && followed.uri().getPath().equals("/get")
                && history.equals(List.of(301, 302)), "/status/301 followed ends at /get after 301 and 302: "
                + followed.uri() + " " + history);

        check(problems, client.get("/status/400").statusCode() == 400, "/status/400 answers 400");
        check(problems, client.get("/status/500").statusCode() == 500, "/status/500 answers 500");

        HttpResponse<byte[]> refused = client.get("/basic-auth/user/passwd");
        check(problems, refused.statusCode() == 401 && refused.headers().firstValue("WWW-Authenticate")
                .orElse("").equals("Basic realm=\"Fake Realm\""), "no credentials: 401 with the challenge");
        String credentials = Base64.getEncoder().encodeToString("user:passwd".getBytes(StandardCharsets.UTF_8));
        JsonNode granted = json(client.send(HttpDemoClient.jdkClient(HttpClient.Redirect.NEVER).build(),
                client.request("/basic-auth/user/passwd").header("Authorization", "Basic " + credentials).GET()
                        .build()), problems);
        check(problems, granted.path("authenticated").asBoolean() && granted.path("user").asText().equals("user"),
                "the right credentials are authenticated: " + granted);

        HttpClient session = HttpDemoClient.jdkClient(HttpClient.Redirect.NORMAL).cookieHandler(new CookieManager())
                .build();
        JsonNode cookies = json(client.send(session, client.request("/cookies/set?name=value").GET().build()),
                problems);
        check(problems, cookies.path("cookies").path("name").asText().equals("value"),
                "the session sends the cookie back: " + cookies);

        JsonNode gzip = json(client.send(HttpDemoClient.jdkClient(HttpClient.Redirect.NEVER).build(),
                client.request("/gzip").header("Accept-Encoding", "gzip").GET().build()), problems);
        check(problems, gzip.path("gzipped").asBoolean(), "/gzip decodes to gzipped: true");
        return problems;
    }

    private static JsonNode json(HttpResponse<byte[]> response, List<String> problems) throws IOException {
        if (!response.headers().firstValue("Content-Type").orElse("").equals("application/json")) {
            problems.add(response.uri() + " is not JSON: " + response.statusCode() + " "
                    + HttpDemoClient.text(response));
            return JSON.createObjectNode();
        }
        return JSON.readTree(HttpDemoClient.text(response));
    }

    private static void check(List<String> problems, boolean ok, String what) {
        if (!ok) {
            problems.add("not so: " + what);
        }
    }
}

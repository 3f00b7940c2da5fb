package dev.toolkit.examples.tour;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * The tour's HTTP client (the JDK's {@link HttpClient}): sends a request to the demo's server, prints the
 * request line and the answer as a learner reads them ({@code client | GET /headers} then
 * {@code client | 200 application/json {"headers": ...}}), and returns the answer for the demo to check.
 */
public final class HttpDemoClient {

    /** How long one exchange may take: generous, so only a hang fails. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How much of a body is printed. */
    static final int BODY_EXCERPT = 300;

    private final URI base;
    private final PrintWriter console;

    HttpDemoClient(URI base, PrintWriter console) {
        this.base = Objects.requireNonNull(base, "base");
        this.console = Objects.requireNonNull(console, "console");
    }

    /** The server's base URL, {@code http://127.0.0.1:PORT}. */
    public URI base() {
        return base;
    }

    /** A client of the JDK with the given redirect policy (cookies and authentication are set by the caller). */
    public static HttpClient.Builder jdkClient(HttpClient.Redirect redirects) {
        // HTTP/1.1 as the book's clients speak it (the JDK's default would offer an upgrade to HTTP/2)
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(redirects)
                .connectTimeout(TIMEOUT);
    }

    /** A {@code GET} of {@code target} (a path, or a full URL) without following redirects. */
    public HttpResponse<byte[]> get(String target) {
        return send(jdkClient(HttpClient.Redirect.NEVER).build(), request(target).GET().build());
    }

    /** {@link #get(String)}, printing the whole body line by line rather than an excerpt. */
    public HttpResponse<byte[]> getAndShow(String target) {
        HttpResponse<byte[]> response = send(jdkClient(HttpClient.Redirect.NEVER).build(),
                request(target).GET().build(), false);
        text(response).lines().forEach(line -> console.println("  client | " + line));
        return response;
    }

    /** A request builder for {@code target} (a path, or a full URL). */
    public HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(base.resolve(target)).timeout(TIMEOUT);
    }

    /** Sends {@code request} with {@code client}, printing the exchange, each redirect it followed included. */
    public HttpResponse<byte[]> send(HttpClient client, HttpRequest request) {
        return send(client, request, true);
    }

    private HttpResponse<byte[]> send(HttpClient client, HttpRequest request, boolean excerpt) {
        console.println("  client > " + request.method() + " " + shown(request.uri()) + extraHeaders(request));
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("the request " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        for (HttpResponse<byte[]> earlier : history(response)) {
            console.println("  client < " + earlier.statusCode() + " Location: "
                    + earlier.headers().firstValue("Location").orElse("(none)") + " (followed)");
        }
        String type = response.headers().firstValue("Content-Type").orElse("(no type)");
        String location = response.headers().firstValue("Location").map(l -> " Location: " + l).orElse("");
        console.println("  client < " + response.statusCode() + " " + type + location
                + (excerpt ? body(response) : ""));
        return response;
    }

    /** The responses that led to {@code response} through redirects, first first. */
    public static List<HttpResponse<byte[]>> history(HttpResponse<byte[]> response) {
        List<HttpResponse<byte[]>> earlier = new ArrayList<>();
        for (HttpResponse<byte[]> r = response.previousResponse().orElse(null); r != null;
                r = r.previousResponse().orElse(null)) {
            earlier.add(0, r);
        }
        return earlier;
    }

    /** The body as text, gunzipped when its {@code Content-Encoding} is gzip (the JDK client does not decode). */
    public static String text(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("the gzip body does not decode", e);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private String shown(URI uri) {
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return uri.getHost().equals(base.getHost()) ? path : uri.toString();
    }

    private static String extraHeaders(HttpRequest request) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> h : request.headers().map().entrySet()) {
            sb.append(" [").append(h.getKey()).append(": ").append(String.join(", ", h.getValue())).append(']');
        }
        return sb.toString();
    }

    private static String body(HttpResponse<byte[]> response) {
        String text = text(response).strip().replace("\r", "\\r").replace("\n", "\\n");
        if (text.isEmpty()) {
            return "";
        }
        return " " + (text.length() > BODY_EXCERPT ? text.substring(0, BODY_EXCERPT) + "..." : text);
    }
}

package dev.toolkit.examples.ch09;

import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpRequest;
import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.ResponseBody;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The httpbin endpoints of chapter 9, answering as httpbin 0.7 (Flask 2.2, under Gunicorn) answers: the same
 * statuses, {@code Location} targets, JSON keys (sorted, compact), header names, cookies, basic-auth
 * challenge and error pages. Every answer carries httpbin's CORS headers.
 *
 * <p>Paths are matched as Werkzeug matches them ({@code <int:n>} is digits, {@code <name>} one segment); a path
 * no route has is a 404 page, a method its route does not take a 405 page with {@code Allow}; {@code HEAD} is
 * answered by the {@code GET} view and {@code OPTIONS} with {@code Allow}, as Flask does.
 */
final class HttpbinApplication implements HttpApplication {

    private static final Set<String> GET = Set.of("GET");
    private static final Set<String> BODY_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE");
    private static final Set<String> ENV_COOKIES = Set.of("_gauges_unique", "_gauges_unique_year",
            "_gauges_unique_month", "_gauges_unique_day", "_gauges_unique_hour", "__utmz", "__utma", "__utmb");
    private static final String INDEX = "<!doctype html>\n<html lang=en>\n<title>httpbin</title>\n"
            + "<h1>httpbin: HTTP request and response service</h1>\n<p>Endpoints: /ip /uuid /headers /user-agent "
            + "/get /post /put /patch /delete /anything /gzip /deflate /status/:code /redirect/:n "
            + "/relative-redirect/:n /absolute-redirect/:n /redirect-to?url= /cookies /cookies/set?name=value "
            + "/cookies/set/:name/:value /cookies/delete?name /basic-auth/:user/:passwd "
            + "/hidden-basic-auth/:user/:passwd</p>\n";

    /** One view of httpbin: the request, and the path's parts its pattern captured. */
    @FunctionalInterface
    private interface View {
        CompletableFuture<HttpResponse> answer(HttpRequest request, Matcher path);
    }

    /** A path pattern, the methods its view takes (Flask adds HEAD to GET, and OPTIONS to all), the view. */
    private record Route(Pattern pattern, Set<String> methods, View view) {
        Set<String> allowed() {
            Set<String> allowed = new TreeSet<>(methods);
            if (methods.contains("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            return allowed;
        }
    }

    /** The phrases Netty gives a code it has no name for: the name of the code's class. */
    private static final Set<String> CLASS_PHRASES = Set.of("Informational", "Success", "Redirection",
            "Client Error", "Server Error", "Unknown Status");

    private final List<Route> routes = new ArrayList<>();

    HttpbinApplication() {
        now("/", GET, (r, p) -> HttpResponse.ok(HttpbinPages.html(INDEX)));
        now("/ip", GET, (r, p) -> json(Map.of("origin", HttpbinRequestData.origin(r))));
        now("/uuid", GET, (r, p) -> json(Map.of("uuid", UUID.randomUUID().toString())));
        now("/headers", GET, (r, p) -> json(Map.of("headers", HttpbinRequestData.headers(r))));
        now("/user-agent", GET, (r, p) -> {
            Map<String, Object> body = new TreeMap<>();
            body.put("user-agent", r.headers().get(HttpHeaderNames.USER_AGENT));
            return json(body);
        });
        now("/get", GET, (r, p) -> json(requestKeys(r, Map.of())));
        route("/anything(?:/([^/].*))?", BODY_METHODS, (r, p) -> withBody(r, body -> {
            Map<String, Object> keys = new TreeMap<>(body);
            keys.put("method", r.method().name());
            return json(requestKeys(r, keys));
        }));
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            route("/" + method.toLowerCase(Locale.ROOT), Set.of(method),
                    (r, p) -> withBody(r, body -> json(requestKeys(r, body))));
        }
        now("/gzip", GET, (r, p) -> encoded(r, "gzipped", "gzip", HttpbinApplication::gzipLevel4));
        now("/deflate", GET, (r, p) -> encoded(r, "deflated", "deflate", DeflaterOutputStream::new));
        now("/redirect/(\\d+)", GET, (r, p) -> redirectTimes(r, p.group(1),
                "true".equalsIgnoreCase(r.queryParameter("absolute").orElse("false"))));
        now("/relative-redirect/(\\d+)", GET, (r, p) -> relativeRedirect(p.group(1)));
        now("/absolute-redirect/(\\d+)", GET, (r, p) -> redirectTimes(r, p.group(1), true));
        now("/redirect-to", BODY_METHODS, (r, p) -> redirectTo(r));
        now("/status/([^/]+)", BODY_METHODS, (r, p) -> HttpbinStatus.answer(p.group(1)));
        now("/cookies", GET, (r, p) -> cookies(r));
        now("/cookies/set/([^/]+)/([^/]+)", GET, (r, p) -> setCookies(r, Map.of(p.group(1), p.group(2))));
        now("/cookies/set", GET, (r, p) -> setCookies(r, firstValues(r)));
        now("/cookies/delete", GET, (r, p) -> deleteCookies(firstValues(r)));
        now("/basic-auth/([^/]+)/([^/]+)", GET, (r, p) -> basicAuth(r, p.group(1), p.group(2), 401));
        now("/hidden-basic-auth/([^/]+)/([^/]+)", GET, (r, p) -> basicAuth(r, p.group(1), p.group(2), 404));
    }

    private void route(String pattern, Set<String> methods, View view) {
        routes.add(new Route(Pattern.compile(pattern), methods, view));
    }

    /** A route whose view answers at once, without reading a body. */
    private void now(String pattern, Set<String> methods, BiFunction<HttpRequest, Matcher, HttpResponse> view) {
        route(pattern, methods, (r, p) -> CompletableFuture.completedFuture(view.apply(r, p)));
    }

    @Override
    public CompletableFuture<HttpResponse> handleAsync(HttpRequest request) {
        return dispatch(request).thenApply(response -> withReason(withCors(request, response)));
    }

    /**
     * The response with the reason phrase Gunicorn sends, which clients show ({@code r.reason}, and Requests'
     * {@code raise_for_status()} message): Werkzeug's phrase in upper case ({@code 404 NOT FOUND}), and
     * {@code UNKNOWN} for a code Werkzeug has no name for.
     */
    static HttpResponse withReason(HttpResponse response) {
        int code = response.status().code();
        String known = HttpResponseStatus.valueOf(code).reasonPhrase();
        String phrase = code == 418 ? "I'm a teapot" : CLASS_PHRASES.contains(known) ? "UNKNOWN" : known;
        HttpResponse.Builder b = HttpResponse.builder(new HttpResponseStatus(code, phrase.toUpperCase(Locale.ROOT)))
                .body(response.body());
        for (Map.Entry<String, String> header : response.headers()) {
            b.header(header.getKey(), header.getValue());
        }
        return b.build();
    }

    private CompletableFuture<HttpResponse> dispatch(HttpRequest request) {
        String method = request.method().name();
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Matcher path = route.pattern().matcher(request.path());
            if (!path.matches()) {
                continue;
            }
            if (method.equals("OPTIONS")) {
                return CompletableFuture.completedFuture(HttpbinPages.empty(200)
                        .setHeader(HttpHeaderNames.ALLOW, HttpbinPages.allow(route.allowed())).build());
            }
            String viewMethod = method.equals("HEAD") ? "GET" : method;
            if (route.methods().contains(viewMethod)) {
                return route.view().answer(request, path);
            }
            allowed.addAll(route.allowed());
        }
        return CompletableFuture.completedFuture(allowed.isEmpty() ? HttpbinPages.error(404)
                : HttpbinPages.methodNotAllowed(allowed));
    }

    /** httpbin's {@code after_request}: CORS headers on every answer, and the preflight ones for OPTIONS. */
    private static HttpResponse withCors(HttpRequest request, HttpResponse response) {
        HttpResponse.Builder b = response.toBuilder()
                .setHeader(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN,
                        request.headers().get(HttpHeaderNames.ORIGIN, "*"))
                .setHeader(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        if (request.method().equals(HttpMethod.OPTIONS)) {
            b.setHeader(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, PUT, DELETE, PATCH, OPTIONS")
                    .setHeader(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "3600");
            String wanted = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
            if (wanted != null) {
                b.setHeader(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, wanted);
            }
        }
        return b.build();
    }

    private static HttpResponse json(Object value) {
        return HttpResponse.ok(HttpbinJson.body(value));
    }

    /** {@code url}, {@code args}, {@code headers} and {@code origin}, with {@code more} keys. */
    private static Map<String, Object> requestKeys(HttpRequest request, Map<String, Object> more) {
        Map<String, Object> keys = new TreeMap<>();
        keys.put("url", HttpbinRequestData.url(request));
        keys.put("args", HttpbinRequestData.args(request));
        keys.put("headers", HttpbinRequestData.headers(request));
        keys.put("origin", HttpbinRequestData.origin(request));
        keys.putAll(more);
        return keys;
    }

    /**
     * Reads the body (without blocking the event loop: a form's spooled files are read on the worker pool) and
     * answers with its {@code form}, {@code files}, {@code data} and {@code json} keys.
     */
    private static CompletableFuture<HttpResponse> withBody(HttpRequest request,
            Function<Map<String, Object>, HttpResponse> view) {
        if (HttpbinRequestData.hasForm(request)) {
            return request.body().formAsync().thenApplyAsync(form -> view.apply(HttpbinRequestData.formKeys(form)),
                    request.workerPool());
        }
        return request.body().bytesAsync().thenApply(body -> view.apply(HttpbinRequestData.dataKeys(body)));
    }

    /** {@code /gzip} and {@code /deflate}: {@code origin}, {@code headers}, {@code method}, compressed. */
    private static HttpResponse encoded(HttpRequest request, String flag, String encoding,
            StreamWrapper compressor) {
        Map<String, Object> keys = new TreeMap<>();
        keys.put("origin", HttpbinRequestData.origin(request));
        keys.put("headers", HttpbinRequestData.headers(request));
        keys.put("method", request.method().name());
        keys.put(flag, true);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(compressed)) {
            out.write(HttpbinJson.encode(keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.builder(200).setHeader(HttpHeaderNames.CONTENT_ENCODING, encoding)
                .body(ResponseBody.bytes(compressed.toByteArray(), HttpbinJson.CONTENT_TYPE)).build();
    }

    /** A gzip stream at httpbin's compression level, 4. */
    private static OutputStream gzipLevel4(OutputStream out) throws IOException {
        return new GZIPOutputStream(out) {
            {
                def.setLevel(4);
            }
        };
    }

    /** A compressing stream around another. */
    @FunctionalInterface
    private interface StreamWrapper {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    /**
     * {@code /redirect/N} ({@code absolute} false) and {@code /absolute-redirect/N}: to {@code /get} when N is
     * 1, else one step down the relative or absolute chain; N of 0 fails httpbin's assertion (a 500 page).
     */
    private static HttpResponse redirectTimes(HttpRequest request, String digits, boolean absolute) {
        long n = times(digits);
        if (n <= 0) {
            return HttpbinPages.error(500);
        }
        String base = absolute ? request.scheme() + "://" + HttpbinRequestData.host(request) : "";
        if (n == 1) {
            return HttpbinPages.redirect(base + "/get");
        }
        return HttpbinPages.redirect(base + (absolute ? "/absolute-redirect/" : "/relative-redirect/") + (n - 1));
    }

    /** {@code /relative-redirect/N}: an empty 302 to the next step, or to {@code /get}. */
    private static HttpResponse relativeRedirect(String digits) {
        long n = times(digits);
        if (n <= 0) {
            return HttpbinPages.error(500);
        }
        return HttpbinPages.empty(302).setHeader(HttpHeaderNames.LOCATION,
                n == 1 ? "/get" : "/relative-redirect/" + (n - 1)).build();
    }

    /** Werkzeug's {@code int} converter's value; -1 for one too large to be a count. */
    private static long times(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code /redirect-to?url=U[&status_code=3xx]}: an empty redirect to exactly U (302 by default). */
    private static HttpResponse redirectTo(HttpRequest request) {
        Map<String, String> args = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        args.putAll(firstValues(request));
        String url = args.get("url");
        if (url == null) {
            // Werkzeug answers a missing argument with its 400 page; the shortest clear answer here
            return HttpResponse.text(400, "Missing argument: url");
        }
        int status = 302;
        try {
            int wanted = Integer.parseInt(args.getOrDefault("status_code", "302").strip());
            if (wanted >= 300 && wanted < 400) {
                status = wanted;
            }
        } catch (NumberFormatException e) {
            return HttpbinPages.error(500);
        }
        return HttpbinPages.empty(status).setHeader(HttpHeaderNames.LOCATION, url).build();
    }

    /** The first value of each query parameter, as Werkzeug's {@code request.args.items()} gives them. */
    private static Map<String, String> firstValues(HttpRequest request) {
        Map<String, String> first = new LinkedHashMap<>();
        request.queryParameters().forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }

    /** The request's cookies by name (the first of a name wins), as Werkzeug parses them. */
    private static Map<String, String> requestCookies(HttpRequest request) {
        Map<String, String> cookies = new TreeMap<>();
        List<String> headers = request.headers().getAll(HttpHeaderNames.COOKIE);
        if (!headers.isEmpty()) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(String.join("; ", headers))) {
                cookies.putIfAbsent(cookie.name(), cookie.value());
            }
        }
        return cookies;
    }

    /** {@code /cookies}: {@code {"cookies": {...}}}, without analytics cookies unless {@code show_env}. */
    private static HttpResponse cookies(HttpRequest request) {
        Map<String, String> cookies = requestCookies(request);
        if (!request.queryParameters().containsKey("show_env")) {
            cookies.keySet().removeAll(ENV_COOKIES);
        }
        return json(Map.of("cookies", cookies));
    }

    /** Sets each cookie (path {@code /}, secure over HTTPS) and redirects to {@code /cookies}. */
    private static HttpResponse setCookies(HttpRequest request, Map<String, String> cookies) {
        HttpResponse.Builder b = HttpbinPages.redirect("/cookies").toBuilder();
        cookies.forEach((name, value) -> {
            DefaultCookie cookie = new DefaultCookie(name, value);
            cookie.setPath("/");
            cookie.setSecure(request.scheme().equals("https"));
            // Werkzeug quotes a value with characters a cookie cannot hold bare (a space, say)
            cookie.setWrap(!value.chars().allMatch(HttpbinApplication::cookieOctet));
            b.header(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.LAX.encode(cookie));
        });
        return b.build();
    }

    /** RFC 6265's {@code cookie-octet}. */
    private static boolean cookieOctet(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) || (c >= 0x3c && c <= 0x5b)
                || (c >= 0x5d && c <= 0x7e);
    }

    /** Expires each cookie named and redirects to {@code /cookies}. */
    private static HttpResponse deleteCookies(Map<String, String> cookies) {
        HttpResponse.Builder b = HttpbinPages.redirect("/cookies").toBuilder();
        for (String name : cookies.keySet()) {
            DefaultCookie cookie = new DefaultCookie(name, "");
            cookie.setPath("/");
            cookie.setMaxAge(0);
            b.header(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.LAX.encode(cookie));
        }
        return b.build();
    }

    /**
     * {@code /basic-auth/USER/PASSWD}: {@code {"authenticated": true, "user": USER}} for the right credentials;
     * else httpbin's answer for {@code failure} (401 with its {@code Basic realm="Fake Realm"} challenge, or
     * the hidden variant's bare 404).
     */
    private static HttpResponse basicAuth(HttpRequest request, String user, String password, int failure) {
        String[] credentials = basicCredentials(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (credentials == null || !credentials[0].equals(user) || !credentials[1].equals(password)) {
            return HttpbinStatus.of(failure);
        }
        Map<String, Object> body = new TreeMap<>();
        body.put("authenticated", true);
        body.put("user", user);
        return json(body);
    }

    /** The user and password of a {@code Basic} {@code Authorization} header, or {@code null}. */
    static String[] basicCredentials(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] scheme = authorization.strip().split("\\s+", 2);
        if (scheme.length != 2 || !scheme[0].equalsIgnoreCase("basic")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(scheme[1].strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}

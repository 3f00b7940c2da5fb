package dev.toolkit.examples.ch09;

import dev.toolkit.http.server.HttpResponse;
import dev.toolkit.http.server.ResponseBody;
import io.netty.handler.codec.http.HttpHeaderNames;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * The responses httpbin gets from Flask and Werkzeug rather than from its own views: redirects with their
 * little HTML page, the error pages (404, 405, 500), and the empty {@code text/html} answer of
 * {@code make_response()}.
 */
final class HttpbinPages {

    static final String HTML = "text/html; charset=utf-8";

    private static final Map<Integer, String[]> ERRORS = Map.of(
            404, new String[] {"Not Found", "The requested URL was not found on the server. If you entered the URL "
                    + "manually please check your spelling and try again."},
            405, new String[] {"Method Not Allowed", "The method is not allowed for the requested URL."},
            500, new String[] {"Internal Server Error", "The server encountered an internal error and was unable to "
                    + "complete your request. Either the server is overloaded or there is an error in the "
                    + "application."});

    private HttpbinPages() {
    }

    /** Flask's {@code redirect(location)}: 302, {@code Location}, and a page with a link to it. */
    static HttpResponse redirect(String location) {
        String link = escape(location);
        String page = "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
                + "<p>You should be redirected automatically to the target URL: <a href=\"" + link + "\">" + link
                + "</a>. If not, click the link.\n";
        return HttpResponse.builder(302).setHeader(HttpHeaderNames.LOCATION, location).body(html(page)).build();
    }

    /** Werkzeug's error page for {@code status} (404, 405 or 500). */
    static HttpResponse error(int status) {
        String[] page = ERRORS.get(status);
        if (page == null) {
            throw new IllegalArgumentException("no error page for status " + status);
        }
        return HttpResponse.of(status, html("<!doctype html>\n<html lang=en>\n<title>" + status + " " + page[0]
                + "</title>\n<h1>" + page[0] + "</h1>\n<p>" + page[1] + "</p>\n"));
    }

    /** Werkzeug's 405 page, with {@code Allow} naming {@code allowed} (sorted). */
    static HttpResponse methodNotAllowed(Collection<String> allowed) {
        return error(405).toBuilder().setHeader(HttpHeaderNames.ALLOW, allow(allowed)).build();
    }

    /** The {@code Allow} header's value: the methods, sorted, comma-separated. */
    static String allow(Collection<String> methods) {
        return String.join(", ", new TreeSet<>(methods));
    }

    /** Flask's {@code make_response()}: an empty body typed {@code text/html; charset=utf-8}. */
    static HttpResponse.Builder empty(int status) {
        return HttpResponse.builder(status).setHeader(HttpHeaderNames.CONTENT_TYPE, HTML);
    }

    /** An HTML page, UTF-8. */
    static ResponseBody html(String page) {
        return ResponseBody.bytes(page.getBytes(StandardCharsets.UTF_8), HTML);
    }

    /** MarkupSafe's {@code escape()}. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }
}

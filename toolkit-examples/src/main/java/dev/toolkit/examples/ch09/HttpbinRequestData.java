package dev.toolkit.examples.ch09;

import dev.toolkit.http.server.Form;
import dev.toolkit.http.server.FormFile;
import dev.toolkit.http.server.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.NetUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What httpbin's {@code get_dict()} tells about a request, key by key, computed as httpbin 0.7 computes it
 * under Gunicorn: {@code url}, {@code args}, {@code headers}, {@code origin}, and for a request with a body
 * {@code form}, {@code data}, {@code files} and {@code json}.
 */
final class HttpbinRequestData {

    /** Headers a hosting platform adds, which httpbin hides unless the query has {@code show_env}. */
    static final Set<String> ENV_HEADERS = Set.of("X-Varnish", "X-Request-Start", "X-Heroku-Queue-Depth",
            "X-Real-Ip", "X-Forwarded-Proto", "X-Forwarded-Protocol", "X-Forwarded-Ssl", "X-Heroku-Queue-Wait-Time",
            "X-Forwarded-For", "X-Heroku-Dynos-In-Use", "X-Forwarded-Port", "X-Request-Id", "Via",
            "Total-Route-Time", "Connect-Time");

    static final String FORM_URLENCODED = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";

    private HttpbinRequestData() {
    }

    /** {@code url}: the URL the client asked for, from its {@code Host} header. */
    static String url(HttpRequest request) {
        String query = request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
        return request.scheme() + "://" + host(request) + request.rawPath() + query;
    }

    /** The {@code Host} header, or the server's name and port when there is none (HTTP/1.0). */
    static String host(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        return host != null ? host : request.serverName() + ":" + request.serverPort();
    }

    /** {@code args}: the query parameters, a name with one value mapped to it, with several to their list. */
    static Map<String, Object> args(HttpRequest request) {
        return semiflatten(request.queryParameters());
    }

    /** Werkzeug's {@code MultiDict} as httpbin's {@code semiflatten} turns it into JSON. */
    static Map<String, Object> semiflatten(Map<String, List<String>> multi) {
        Map<String, Object> flat = new TreeMap<>();
        multi.forEach((name, values) -> flat.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values)));
        return flat;
    }

    /**
     * {@code headers}: each request header once, its name as Gunicorn and Werkzeug rebuild it from the WSGI
     * environment ({@code HTTP_USER_AGENT} becomes {@code User-Agent}), repeated headers joined with
     * {@code ,}; without {@link #ENV_HEADERS} unless the query has {@code show_env}.
     */
    static Map<String, String> headers(HttpRequest request) {
        Map<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.merge(wsgiName(header.getKey()), header.getValue().strip(), (old, added) -> old + "," + added);
        }
        if (!request.queryParameters().containsKey("show_env")) {
            headers.keySet().removeAll(ENV_HEADERS);
        }
        return headers;
    }

    /** A header name through the WSGI environment and back: Python's {@code str.title()} with dashes. */
    static String wsgiName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean afterLetter = false;
        for (char c : name.replace('_', '-').toCharArray()) {
            sb.append(afterLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            afterLetter = Character.isLetter(c);
        }
        return sb.toString();
    }

    /** {@code origin}: the {@code X-Forwarded-For} header as sent, else the client's address. */
    static String origin(HttpRequest request) {
        String forwarded = request.headers().get("X-Forwarded-For");
        if (forwarded != null) {
            return forwarded;
        }
        return request.remoteAddress().getAddress() == null ? request.remoteAddress().getHostString()
                : NetUtil.toAddressString(request.remoteAddress().getAddress());
    }

    /** The media type of the request's body, lower case, without parameters; {@code ""} when none. */
    static String mediaType(HttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether Werkzeug parses this request's body as a form (and leaves {@code data} empty). */
    static boolean hasForm(HttpRequest request) {
        String type = mediaType(request);
        return type.equals(FORM_URLENCODED) || type.equals(MULTIPART);
    }

    /**
     * The body keys of a form request: {@code form} (its fields), {@code files} (the first file of each field,
     * read from the disk where the server spooled it), {@code data} {@code ""} and {@code json} null.
     */
    static Map<String, Object> formKeys(Form form) {
        Map<String, Object> files = new TreeMap<>();
        for (FormFile file : form.files()) {
            if (!files.containsKey(file.fieldName())) {
                files.put(file.fieldName(), jsonSafe(readFile(file), contentTypeOf(file)));
            }
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("form", semiflatten(form.fields()));
        keys.put("files", files);
        keys.put("data", "");
        keys.put("json", null);
        return keys;
    }

    /** The body keys of any other request: {@code data} (the body as text), {@code json} (parsed, or null). */
    static Map<String, Object> dataKeys(byte[] body) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("form", Map.of());
        keys.put("files", Map.of());
        keys.put("data", jsonSafe(body, "application/octet-stream"));
        keys.put("json", HttpbinJson.parseOrNull(body));
        return keys;
    }

    private static String contentTypeOf(FormFile file) {
        String type = file.contentType();
        return type == null || type.isEmpty() ? "application/octet-stream" : type;
    }

    private static byte[] readFile(FormFile file) {
        try {
            return Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file of field " + file.fieldName(), e);
        }
    }

    /** httpbin's {@code json_safe}: the bytes as text when they are UTF-8, else a {@code data:} URL in base64. */
    static String jsonSafe(byte[] bytes, String contentType) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(bytes);
        }
    }
}

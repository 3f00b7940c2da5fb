package dev.toolkit.examples.ch10;

import dev.toolkit.examples.support.PythonPrettyPrinter.Literal;
import dev.toolkit.http.server.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A request's WSGI environment (PEP 3333) as Python's {@code wsgiref.simple_server} fills it in: the CGI
 * variables, one {@code HTTP_*} per request header (repeated headers joined with {@code ,}), and the
 * {@code wsgi.*} keys. Strings are WSGI's "native strings": the request's bytes read as ISO-8859-1.
 */
final class WsgiEnvironment {

    private WsgiEnvironment() {
    }

    /** The environment of {@code request}, its keys in Python's sort order. */
    static SortedMap<String, Object> of(HttpRequest request) {
        SortedMap<String, Object> env = new TreeMap<>();
        InetSocketAddress local = request.localAddress();
        env.put("SERVER_NAME", serverName(local.getAddress()));
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PORT", String.valueOf(request.serverPort()));
        env.put("REMOTE_HOST", "");
        env.put("SCRIPT_NAME", "");
        env.put("SERVER_PROTOCOL", request.protocolVersion().text());
        env.put("SERVER_SOFTWARE", "toolkit-http");
        env.put("REQUEST_METHOD", request.method().name());
        // PATH_INFO is the path percent-decoded to bytes, read as ISO-8859-1 (what wsgiref does)
        env.put("PATH_INFO", QueryStringDecoder.decodeComponent(request.rawPath(), StandardCharsets.ISO_8859_1));
        env.put("QUERY_STRING", request.rawQuery());
        env.put("REMOTE_ADDR", address(request.remoteAddress()));
        // wsgiref takes the media type's default when the request has none
        env.put("CONTENT_TYPE", request.headers().get(HttpHeaderNames.CONTENT_TYPE, "text/plain"));
        env.put("CONTENT_LENGTH", request.headers().get(HttpHeaderNames.CONTENT_LENGTH, ""));
        for (Map.Entry<String, String> header : request.headers()) {
            String key = header.getKey().replace('-', '_').toUpperCase(Locale.ROOT);
            if (key.equals("CONTENT_TYPE") || key.equals("CONTENT_LENGTH")) {
                continue;
            }
            String value = header.getValue().strip();
            env.merge("HTTP_" + key, value, (old, added) -> old + "," + added);
        }
        env.put("wsgi.input", new Literal("<dev.toolkit.http.server.RequestBody>"));
        env.put("wsgi.errors", new Literal("<java.io.PrintWriter name='<stderr>'>"));
        env.put("wsgi.file_wrapper", new Literal("<class 'dev.toolkit.http.server.ResponseBody'>"));
        env.put("wsgi.version", new Literal("(1, 0)"));
        env.put("wsgi.url_scheme", request.scheme());
        // several event loops call the application at once: it is multithreaded, unlike wsgiref's server
        env.put("wsgi.multithread", Literal.of(true));
        env.put("wsgi.multiprocess", Literal.of(false));
        env.put("wsgi.run_once", Literal.of(false));
        return env;
    }

    private static String address(InetSocketAddress address) {
        return address.getAddress() == null ? address.getHostString() : NetUtil.toAddressString(address.getAddress());
    }

    /**
     * {@code socket.getfqdn()} of the bound address, without asking DNS: {@code localhost} for a loopback
     * address, this machine's name for the wildcard address, else the address itself.
     */
    static String serverName(InetAddress bound) {
        if (bound == null) {
            return "localhost";
        }
        if (bound.isLoopbackAddress()) {
            return "localhost";
        }
        if (bound.isAnyLocalAddress()) {
            String hostname = System.getenv("HOSTNAME");
            return hostname == null || hostname.isBlank() ? "localhost" : hostname;
        }
        return NetUtil.toAddressString(bound);
    }
}

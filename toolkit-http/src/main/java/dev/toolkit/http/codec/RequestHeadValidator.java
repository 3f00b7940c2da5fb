package dev.toolkit.http.codec;

import dev.toolkit.core.error.Excerpts;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Checks what Netty's request decoder accepts in a decoded head though this server does not: the version
 * (505 unless HTTP/1.0 or 1.1), the method (501 unless one of RFC 9110's or PATCH; CONNECT is not served), the
 * request-target's form, the number of fields of the header and trailer sections (431), {@code Host} (exactly
 * one on HTTP/1.1, at most one on 1.0, a valid host and port), transfer codings other than {@code chunked}
 * (501), and the obsolete WebSocket draft handshake whose 8-byte body Netty reads unannounced (400).
 *
 * <p>A message it refuses gets a failed {@code decoderResult()} whose cause is an
 * {@link HttpRequestRejectedException}; it passes every message on. It holds nothing but the limits.
 */
final class RequestHeadValidator extends ChannelInboundHandlerAdapter {

    /** The methods served: RFC 9110's (less CONNECT, which a server that is no proxy does not serve) and PATCH. */
    static final Set<HttpMethod> SERVED_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.PATCH);

    private final int maxHeaderCount;

    RequestHeadValidator(RequestLimits limits) {
        this.maxHeaderCount = limits.maxHeaderCount();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject && ((HttpObject) msg).decoderResult().isSuccess()) {
            HttpRequestRejectedException problem = msg instanceof HttpRequest ? check((HttpRequest) msg) : null;
            if (problem == null && msg instanceof LastHttpContent) {
                problem = checkTrailers(((LastHttpContent) msg).trailingHeaders());
            }
            if (problem != null) {
                ((HttpObject) msg).setDecoderResult(DecoderResult.failure(problem));
            }
        }
        ctx.fireChannelRead(msg);
    }

    private HttpRequestRejectedException check(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (!version.protocolName().equals("HTTP")) {
            return rejected(HttpResponseStatus.BAD_REQUEST, "not an HTTP request", version.text());
        }
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            return rejected(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                    "HTTP version not supported (HTTP/1.0 and HTTP/1.1 are)", version.text());
        }
        HttpMethod method = request.method();
        if (!SERVED_METHODS.contains(method)) {
            return rejected(HttpResponseStatus.NOT_IMPLEMENTED, method.equals(HttpMethod.CONNECT)
                    ? "CONNECT is not supported (this server is no proxy)"
                    : "method not implemented (RFC 9110's methods but CONNECT, and PATCH, are)", method.name());
        }
        String target = request.uri();
        if (!RequestTargets.isValid(method, target)) {
            return rejected(HttpResponseStatus.BAD_REQUEST, "invalid request-target (origin-form /path?query, "
                    + "absolute-form http://host/path, or * for OPTIONS)", target);
        }
        HttpHeaders headers = request.headers();
        if (headers.size() > maxHeaderCount) {
            return rejected(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "too many header fields: " + headers.size() + " (at most " + maxHeaderCount + ")", null);
        }
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return rejected(HttpResponseStatus.BAD_REQUEST, "Host given " + hosts.size() + " times",
                    String.join(", ", hosts));
        }
        if (hosts.isEmpty() && version.minorVersion() == 1) {
            return rejected(HttpResponseStatus.BAD_REQUEST, "no Host header in an HTTP/1.1 request", null);
        }
        if (!hosts.isEmpty() && !RequestTargets.isValidHost(hosts.get(0))) {
            return rejected(HttpResponseStatus.BAD_REQUEST, "invalid Host (a host name or address and an optional "
                    + "port)", hosts.get(0));
        }
        for (String coding : headers.getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
            for (String name : coding.split(",")) {
                String trimmed = name.trim();
                if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("chunked")) {
                    return rejected(HttpResponseStatus.NOT_IMPLEMENTED,
                            "transfer coding not implemented (only chunked is)", trimmed);
                }
            }
        }
        if (method.equals(HttpMethod.GET) && headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY1)
                && headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY2)) {
            // Netty reads 8 body bytes no header announced: the framing would differ from what the scan assumed.
            return rejected(HttpResponseStatus.BAD_REQUEST,
                    "obsolete WebSocket handshake (Sec-WebSocket-Key1 and -Key2, draft 76)", null);
        }
        return null;
    }

    private HttpRequestRejectedException checkTrailers(HttpHeaders trailers) {
        if (trailers.size() > maxHeaderCount) {
            return rejected(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "too many trailer fields: " + trailers.size() + " (at most " + maxHeaderCount + ")", null);
        }
        return null;
    }

    private static HttpRequestRejectedException rejected(HttpResponseStatus status, String what, String received) {
        String excerpt = received == null ? null : Excerpts.of(received.getBytes(StandardCharsets.ISO_8859_1));
        return new HttpRequestRejectedException(status, what, excerpt, null);
    }
}

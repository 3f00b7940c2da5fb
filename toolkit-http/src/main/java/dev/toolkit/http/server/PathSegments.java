package dev.toolkit.http.server;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;

/**
 * Splits a percent-encoded path into its decoded segments. It splits before decoding, so an encoded slash
 * ({@code %2F}) stays inside its segment; a path's {@code +} is itself (only a query's means a space).
 */
final class PathSegments {

    private PathSegments() {
    }

    /**
     * The decoded (UTF-8) segments of {@code rawPath}, which starts with {@code /}: {@code "/"} is one empty
     * segment, {@code "/a/"} is {@code a} and an empty one.
     *
     * @throws IllegalArgumentException if a {@code %} is not followed by two hex digits
     */
    static String[] decode(String rawPath) {
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.indexOf('%') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('#') >= 0) {
                segments[i] = decodeSegment(segment);
            }
        }
        return segments;
    }

    private static String decodeSegment(String segment) {
        // '?' and '#' cannot be in a request's path; keep them literal rather than letting the decoder stop there
        String escaped = segment.replace("?", "%3F").replace("#", "%23");
        return new QueryStringDecoder(escaped, StandardCharsets.UTF_8, true).path();
    }
}

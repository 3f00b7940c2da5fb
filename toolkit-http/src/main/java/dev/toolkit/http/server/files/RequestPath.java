package dev.toolkit.http.server.files;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A request path made safe to look up under a root: its decoded segments, none of which can leave the root.
 *
 * <p>The raw (percent-encoded) path is refused, never repaired, when it tries anything a file name has no
 * business holding: a {@code .} or {@code ..} segment (decoded: {@code %2e%2e} too), an encoded slash or
 * backslash ({@code %2F}, {@code %5C}), a backslash, NUL or any other control character, encoded or not,
 * {@code ?} or {@code #}, or a broken percent-encoding. Empty segments ({@code a//b}) are skipped.
 */
final class RequestPath {

    private final List<String> segments;
    private final boolean directory;

    private RequestPath(List<String> segments, boolean directory) {
        this.segments = Collections.unmodifiableList(segments);
        this.directory = directory;
    }

    /**
     * Parses a raw path (with or without its leading {@code /}).
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static RequestPath parse(String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '\\' || c == '?' || c == '#' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("the path holds a forbidden character (" + describe(c) + ")");
            }
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")) {
            throw new IllegalArgumentException("the path holds an encoded slash or backslash");
        }
        String[] raw = rawPath.split("/", -1);
        List<String> segments = new ArrayList<>(raw.length);
        for (String segment : raw) {
            if (segment.isEmpty()) {
                continue;
            }
            String decoded;
            try {
                decoded = new QueryStringDecoder(segment, StandardCharsets.UTF_8, true).path();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the path has an invalid percent-encoding", e);
            }
            for (int i = 0; i < decoded.length(); i++) {
                char c = decoded.charAt(i);
                if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException("the path holds an encoded forbidden character ("
                            + describe(c) + ")");
                }
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                throw new IllegalArgumentException("the path holds a dot segment");
            }
            segments.add(decoded);
        }
        boolean directory = rawPath.isEmpty() || rawPath.endsWith("/");
        return new RequestPath(segments, directory);
    }

    private static String describe(char c) {
        return c >= 0x20 && c != 0x7f ? "'" + c + "'" : String.format("0x%02x", (int) c);
    }

    /** The decoded segments, none empty, {@code .} or {@code ..}, none holding a slash, backslash or control. */
    List<String> segments() {
        return segments;
    }

    /** Whether the path ends with a slash (or is empty): it names a directory. */
    boolean directory() {
        return directory;
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments) + (directory && !segments.isEmpty() ? "/" : "");
    }
}

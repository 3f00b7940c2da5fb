package dev.toolkit.http.server.files;

import io.netty.handler.codec.DateFormatter;

import java.util.Date;

/**
 * A file's validators and the conditional requests (RFC 9110, section 13) that use them: the strong
 * {@code ETag} made from the size and the modification time, and {@code Last-Modified} (whole seconds).
 */
final class Validators {

    private final long size;
    private final long modifiedSeconds;
    private final String etag;
    private final String lastModified;

    Validators(long size, long modifiedMillis) {
        this.size = size;
        this.modifiedSeconds = Math.floorDiv(modifiedMillis, 1000);
        this.etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + "\"";
        this.lastModified = DateFormatter.format(new Date(modifiedSeconds * 1000));
    }

    /** The strong entity tag, quoted. */
    String etag() {
        return etag;
    }

    /** The {@code Last-Modified} value. */
    String lastModified() {
        return lastModified;
    }

    long size() {
        return size;
    }

    /**
     * Whether a GET or HEAD with these headers is answered 304: {@code If-None-Match} decides when present
     * (weak comparison, {@code *} matches any file), else {@code If-Modified-Since} (not modified since then;
     * a date that does not parse is ignored).
     */
    boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            return matchesAny(ifNoneMatch);
        }
        if (ifModifiedSince != null) {
            Date since = DateFormatter.parseHttpDate(ifModifiedSince.trim());
            return since != null && modifiedSeconds <= Math.floorDiv(since.getTime(), 1000);
        }
        return false;
    }

    /**
     * Whether a {@code Range} may be honoured under this {@code If-Range} value: absent, or an entity tag that
     * matches strongly, or exactly the file's {@code Last-Modified} date. A weak tag never does.
     */
    boolean ifRangeHolds(String ifRange) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag);
        }
        Date date = DateFormatter.parseHttpDate(value);
        return date != null && Math.floorDiv(date.getTime(), 1000) == modifiedSeconds;
    }

    /** Weak comparison of each listed tag with ours ({@code W/} ignored on both sides). */
    private boolean matchesAny(String list) {
        String opaque = etag;
        for (String element : list.split(",", -1)) {
            String tag = element.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}

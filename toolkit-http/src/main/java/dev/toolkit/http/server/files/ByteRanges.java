package dev.toolkit.http.server.files;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@code Range} header (RFC 9110, section 14.2) asks of a file of a given size: the whole file (the
 * header is absent, malformed, not in bytes, or asks too much), ranges to send, or nothing that exists (416).
 *
 * <p>Syntax: {@code bytes=} then a comma-separated list of {@code first-last}, {@code first-} or
 * {@code -suffix} (spaces around the commas allowed, empty list elements skipped). A range is satisfiable when
 * it starts inside the file; its end is cut to the file's. A suffix longer than the file is the whole file.
 * Malformed header (a last before its first, a letter, no digits): ignored, as RFC 9110 lets a server do.
 * As servers do to resist abuse, more satisfiable ranges than the limit, or ranges that overlap, get the
 * whole file. An empty file ignores ranges.
 */
final class ByteRanges {

    /** What to answer. */
    enum Outcome { WHOLE, PARTIAL, UNSATISFIABLE }

    /** One range of bytes: {@code first} to {@code last}, both included. */
    static final class Range {
        final long first;
        final long last;

        Range(long first, long last) {
            this.first = first;
            this.last = last;
        }

        long length() {
            return last - first + 1;
        }

        /** The {@code Content-Range} value for a file of {@code size} bytes. */
        String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }

        @Override
        public String toString() {
            return first + "-" + last;
        }
    }

    private static final ByteRanges WHOLE = new ByteRanges(Outcome.WHOLE, List.of());
    private static final ByteRanges UNSATISFIABLE = new ByteRanges(Outcome.UNSATISFIABLE, List.of());

    private final Outcome outcome;
    private final List<Range> ranges;

    private ByteRanges(Outcome outcome, List<Range> ranges) {
        this.outcome = outcome;
        this.ranges = ranges;
    }

    Outcome outcome() {
        return outcome;
    }

    /** The ranges to send, in the order asked (empty unless {@link Outcome#PARTIAL}). */
    List<Range> ranges() {
        return ranges;
    }

    /**
     * What {@code header} asks of a file of {@code size} bytes.
     *
     * @param header the {@code Range} value, {@code null} when absent
     * @param maxRanges the most ranges served as asked
     */
    static ByteRanges parse(String header, long size, int maxRanges) {
        if (header == null || size <= 0) {
            return WHOLE;
        }
        String value = header.trim();
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).trim().equalsIgnoreCase("bytes")) {
            return WHOLE;
        }
        List<Range> satisfiable = new ArrayList<>();
        boolean any = false;
        for (String element : value.substring(equals + 1).split(",", -1)) {
            String spec = element.trim();
            if (spec.isEmpty()) {
                continue;
            }
            any = true;
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return WHOLE;
            }
            String firstText = spec.substring(0, dash);
            String lastText = spec.substring(dash + 1);
            if (firstText.isEmpty()) {
                long suffix = digits(lastText);
                if (suffix < 0) {
                    return WHOLE;
                }
                if (suffix > 0) {
                    satisfiable.add(new Range(Math.max(0, size - suffix), size - 1));
                }
                continue;
            }
            long first = digits(firstText);
            long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
            if (first < 0 || last < 0 || last < first) {
                return WHOLE;
            }
            if (first < size) {
                satisfiable.add(new Range(first, Math.min(last, size - 1)));
            }
        }
        if (!any) {
            return WHOLE;
        }
        if (satisfiable.isEmpty()) {
            return UNSATISFIABLE;
        }
        if (satisfiable.size() > maxRanges || overlap(satisfiable)) {
            return WHOLE;
        }
        return new ByteRanges(Outcome.PARTIAL, Collections.unmodifiableList(satisfiable));
    }

    /** A decimal number of one or more digits (saturating at {@code Long.MAX_VALUE}), or -1 when it is not. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int digit = c - '0';
            value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
        }
        return value;
    }

    private static boolean overlap(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a.first, b.first));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first <= sorted.get(i - 1).last) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return outcome + (ranges.isEmpty() ? "" : " " + ranges);
    }
}

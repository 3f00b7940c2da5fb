package dev.toolkit.examples.tour;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the port from a server's {@code Listening at ...} line, in Python's tuple form
 * ({@code Listening at ('127.0.0.1', 1060)}, {@code ('::1', 1060, 0, 0)}) or as {@code host:port}; this is
 * how the tour and the tests learn the port of a server started on port 0.
 */
public final class ListeningLine {

    /** Matches a {@code Listening at} line of either form. */
    public static final Pattern PATTERN = Pattern.compile(
            "^Listening at (?:\\('[^']*', (\\d+)(?:, \\d+, \\d+)?\\)|\\[?[^\\s\\]]*\\]?:(\\d+))$");

    private ListeningLine() {
    }

    /** The port announced by {@code line}, if it is a {@code Listening at} line. */
    public static Optional<Integer> port(String line) {
        Matcher m = PATTERN.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2)));
    }
}

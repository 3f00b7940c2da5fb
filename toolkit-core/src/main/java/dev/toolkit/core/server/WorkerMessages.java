package dev.toolkit.core.server;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.observe.ConnectionMetrics;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The control protocol between a {@link ProcessGroupServer} and its worker processes, one message per line.
 *
 * <p>Worker to supervisor, on the worker's stdout, each line starting with a marker that holds a random token
 * of the group (so that nothing the protocol prints can pass for a message; every other line is the
 * protocol's own output and is copied unchanged):
 * <ul>
 *   <li>{@code ready PORT}: the worker listens;</li>
 *   <li>{@code failed KIND MESSAGE}: the worker could not start (it exits next);</li>
 *   <li>{@code metrics OPEN TOTAL REJECTED BYTES_IN BYTES_OUT ERRORS}: its counters since it started, where
 *       ERRORS is {@code KIND=N,...} or {@code -}.</li>
 * </ul>
 * Supervisor to worker, on the worker's stdin: {@code drain MILLIS} (stop accepting, let exchanges finish for
 * up to MILLIS, close, report the counters a last time, exit 0). The end of stdin means the supervisor is gone:
 * the worker drains with {@link ProcessGroupServer#EXIT_GRACE} and exits.
 */
final class WorkerMessages {

    static final String READY = "ready";
    static final String FAILED = "failed";
    static final String METRICS = "metrics";
    static final String DRAIN = "drain";

    private WorkerMessages() {
    }

    /** A fresh random token for one group. */
    static String newToken() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The prefix of every control line of the group with {@code token}. */
    static String marker(String token) {
        return "@@toolkit-worker " + token + " ";
    }

    /** The command word of a message. */
    static String command(String message) {
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    /** What follows the command word (empty if nothing does). */
    static String argument(String message) {
        int space = message.indexOf(' ');
        return space < 0 ? "" : message.substring(space + 1);
    }

    static String ready(int port) {
        return READY + " " + port;
    }

    static String failed(ErrorKind kind, String message) {
        return FAILED + " " + kind.name() + " " + oneLine(message);
    }

    static String drain(Duration grace) {
        return DRAIN + " " + grace.toMillis();
    }

    /** The grace of a {@code drain} argument. */
    static Duration parseDrain(String argument) {
        return Duration.ofMillis(Long.parseLong(argument.trim()));
    }

    static String metrics(ConnectionMetrics.Snapshot s) {
        StringBuilder errors = new StringBuilder();
        s.errors().forEach((kind, n) -> errors.append(errors.length() == 0 ? "" : ",").append(kind.name())
                .append('=').append(n));
        return METRICS + " " + s.connectionsOpen() + " " + s.connectionsTotal() + " " + s.connectionsRejected()
                + " " + s.bytesIn() + " " + s.bytesOut() + " " + (errors.length() == 0 ? "-" : errors);
    }

    /**
     * Parses the argument of a {@code metrics} message.
     *
     * @throws IllegalArgumentException if it is malformed
     */
    static ConnectionMetrics.Snapshot parseMetrics(String argument) {
        String[] f = argument.trim().split(" ");
        if (f.length != 6) {
            throw new IllegalArgumentException("malformed metrics report: " + argument);
        }
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        if (!f[5].equals("-")) {
            for (String entry : f[5].split(",")) {
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("malformed error count in metrics report: " + entry);
                }
                errors.put(ErrorKind.valueOf(entry.substring(0, eq)), Long.parseLong(entry.substring(eq + 1)));
            }
        }
        return new ConnectionMetrics.Snapshot(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4]), Collections.unmodifiableMap(errors));
    }

    /** {@code text} on one line: line breaks become spaces, so a message stays one message. */
    static String oneLine(String text) {
        return String.valueOf(text).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}

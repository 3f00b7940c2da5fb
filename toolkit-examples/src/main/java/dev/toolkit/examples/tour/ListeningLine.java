package dev.toolkit.examples.tour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

    /**
     * A port free on this machine now, for a server that does not say where it listens (srv_legacy1, as the
     * original, prints nothing when it starts): the caller passes it with {@code -p}.
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until some socket listens on TCP {@code port}, as the kernel's socket tables say (Linux
     * {@code /proc/net/tcp} and {@code tcp6}): a server that prints nothing is watched without connecting to
     * it, since a probe connection would print lines of its own.
     *
     * @throws IllegalStateException if nothing listens there within {@code timeout}
     */
    public static void awaitListening(int port, Duration timeout) throws InterruptedException {
        String local = String.format(Locale.ROOT, ":%04X", port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] f = line.trim().split("\\s+");
                        // f[1] is local address:port in hex, f[3] the state; 0A is LISTEN
                        if (f.length > 3 && f[1].endsWith(local) && f[3].equals("0A")) {
                            return;
                        }
                    }
                } catch (IOException e) {
                    // no such table (no IPv6): the other one tells
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("nothing listens on port " + port + " after " + timeout.toSeconds() + " s");
    }
}

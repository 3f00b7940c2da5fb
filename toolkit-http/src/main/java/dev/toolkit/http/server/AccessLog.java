package dev.toolkit.http.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line per response in Combined Log Format on the SLF4J logger {@value #LOGGER}:
 * {@code host - - [day/Mon/year:hh:mm:ss +0000] "request line" status bytes "referer" "user-agent"}.
 */
final class AccessLog {

    /** The logger's name. */
    static final String LOGGER = "dev.toolkit.http.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private AccessLog() {
    }

    /** Whether lines would be written at all (so that none is formatted for nothing). */
    static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    /**
     * Writes one line.
     *
     * @param requestLine the request line as received, or {@code "-"} when no request was read
     * @param bodyBytes the body bytes sent, {@code -1} or 0 logged as {@code -}
     */
    static void log(InetSocketAddress client, long startMillis, String requestLine, int status, long bodyBytes,
            String referer, String userAgent) {
        LOG.info(line(client, startMillis, requestLine, status, bodyBytes, referer, userAgent));
    }

    static String line(InetSocketAddress client, long startMillis, String requestLine, int status, long bodyBytes,
            String referer, String userAgent) {
        StringBuilder line = new StringBuilder(128);
        line.append(client == null ? "-" : client.getAddress() == null ? client.getHostString()
                : client.getAddress().getHostAddress());
        line.append(" - - [").append(TIME.format(Instant.ofEpochMilli(startMillis))).append("] \"");
        escaped(line, requestLine).append("\" ").append(status).append(' ');
        line.append(bodyBytes > 0 ? Long.toString(bodyBytes) : "-").append(" \"");
        escaped(line, referer == null ? "-" : referer).append("\" \"");
        escaped(line, userAgent == null ? "-" : userAgent).append('"');
        return line.toString();
    }

    /** Appends {@code text} with quotes, backslashes and control bytes escaped, as Apache does. */
    private static StringBuilder escaped(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                line.append(String.format("\\x%02x", (int) c));
            } else {
                line.append(c);
            }
        }
        return line;
    }
}

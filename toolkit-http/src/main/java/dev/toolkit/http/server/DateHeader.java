package dev.toolkit.http.server;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;

import java.util.Date;

/**
 * The {@code Date} header's value, formatted at most once per second and shared by every connection of a
 * server (IMF-fixdate, RFC 9110).
 */
final class DateHeader {

    private static final class Stamp {
        final long second;
        final AsciiString value;

        Stamp(long second, AsciiString value) {
            this.second = second;
            this.value = value;
        }
    }

    private volatile Stamp stamp = new Stamp(-1, AsciiString.EMPTY_STRING);

    /** The current date, as a pre-encoded header value. */
    AsciiString value() {
        long now = System.currentTimeMillis();
        long second = now / 1000;
        Stamp current = stamp;
        if (current.second != second) {
            current = new Stamp(second, AsciiString.cached(DateFormatter.format(new Date(second * 1000))));
            stamp = current;
        }
        return current.value;
    }
}

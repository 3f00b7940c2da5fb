package dev.toolkit.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time (user plus system) a process has used so far, from {@code /proc/PID/stat}: fields 14 and 15,
 * counted after the parenthesised command name (which may itself hold spaces and parentheses), in clock ticks.
 */
public final class CpuTime {

    /** Linux's USER_HZ, the unit of the stat file's times on every architecture Linux supports today. */
    static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {
    }

    /** The CPU seconds used so far by process {@code pid} (its threads included, its children not). */
    public static double seconds(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            return parse(Files.readString(stat, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid + " from " + stat, e);
        }
    }

    /** The user plus system seconds in the text of a {@code /proc/PID/stat} file. */
    static double parse(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line (no command name): " + excerpt(stat));
        }
        // After ") " come field 3 (state) onwards; utime and stime are fields 14 and 15.
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        if (fields.length < 13) {
            throw new IllegalArgumentException("a /proc/PID/stat line with " + (fields.length + 2)
                    + " fields, fewer than 15: " + excerpt(stat));
        }
        try {
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime or stime is not a number in " + excerpt(stat), e);
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 80 ? text.strip() : text.substring(0, 80) + "...";
    }
}

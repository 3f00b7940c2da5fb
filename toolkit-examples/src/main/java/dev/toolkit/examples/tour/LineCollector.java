package dev.toolkit.examples.tour;

import java.io.Writer;
import java.util.function.Consumer;

/**
 * A {@link Writer} that hands each complete line (without its line ending) to a consumer; what remains
 * unterminated is handed over on {@link #close()}. Thread-safe.
 */
final class LineCollector extends Writer {

    private final Consumer<String> lines;
    private final StringBuilder pending = new StringBuilder();

    LineCollector(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == '\n') {
                int end = pending.length();
                if (end > 0 && pending.charAt(end - 1) == '\r') {
                    pending.setLength(end - 1);
                }
                lines.accept(pending.toString());
                pending.setLength(0);
            } else {
                pending.append(c);
            }
        }
    }

    @Override
    public void flush() {
        // Lines are handed over as they end; a partial line waits for its end or for close().
    }

    @Override
    public synchronized void close() {
        if (pending.length() > 0) {
            lines.accept(pending.toString());
            pending.setLength(0);
        }
    }
}

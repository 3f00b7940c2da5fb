package dev.toolkit.core.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A worker process's {@code System.out}: passes output on in whole lines, each written while holding a lock
 * shared with the control messages on the same stream, so that a control message never lands in the middle
 * of a line the protocol prints.
 *
 * <p>A partial line waits for its end; it is written early, with a line break added, only when it reaches
 * {@link #MAX_LINE} bytes (a longer line becomes several) or when the stream closes. {@link #flush()} therefore
 * does not write a partial line.
 */
final class LineAtomicOutputStream extends OutputStream {

    /** The longest line held back; a longer one is broken into lines of this size. */
    static final int MAX_LINE = 8192;

    private final OutputStream out;
    private final Object lock;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * @param out where whole lines go
     * @param lock held while a line is written; control messages hold it too
     */
    LineAtomicOutputStream(OutputStream out, Object lock) {
        this.out = out;
        this.lock = lock;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            emit(b != '\n');
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n' || line.size() + (i - start + 1) >= MAX_LINE) {
                line.write(b, start, i - start + 1);
                emit(b[i] != '\n');
                start = i + 1;
            }
        }
        line.write(b, start, end - start);
    }

    /** Whole lines are written as they end; a partial line is kept until it ends. */
    @Override
    public void flush() {
    }

    /** Writes a pending partial line, ended by a line break. */
    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) {
            emit(true);
        }
    }

    private void emit(boolean addLineBreak) throws IOException {
        if (addLineBreak) {
            line.write('\n');
        }
        synchronized (lock) {
            line.writeTo(out);
            out.flush();
        }
        line.reset();
    }
}

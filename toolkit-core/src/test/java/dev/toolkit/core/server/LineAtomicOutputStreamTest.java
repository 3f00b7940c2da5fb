package dev.toolkit.core.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A worker's printed lines reach the shared stdout whole, so control messages never split them. */
class LineAtomicOutputStreamTest {

    private final Object lock = new Object();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final LineAtomicOutputStream out = new LineAtomicOutputStream(stdout, lock);

    @Test
    void holdsAPartialLineUntilItEnds() throws IOException {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        print.print("Accepted ");
        print.flush();
        control("ready 1060");
        print.print("connection from 127.0.0.1:5000\nnext");
        control("metrics");
        assertEquals("@@ready 1060\nAccepted connection from 127.0.0.1:5000\n@@metrics\n", text());
        out.close();
        assertEquals("@@ready 1060\nAccepted connection from 127.0.0.1:5000\n@@metrics\nnext\n", text());
    }

    @Test
    void writesLinesByteByByteAndInOneGo() throws IOException {
        for (byte b : "a\nb".getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
        }
        out.write("c\nd\ne\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("a\nbc\nd\ne\n", text());
    }

    @Test
    void breaksAnEndlessLine() throws IOException {
        byte[] longLine = new byte[LineAtomicOutputStream.MAX_LINE * 2 + 10];
        java.util.Arrays.fill(longLine, (byte) 'x');
        out.write(longLine);
        control("ready 1");
        String[] lines = text().split("\n");
        assertEquals(3, lines.length);
        assertEquals(LineAtomicOutputStream.MAX_LINE, lines[0].length());
        assertEquals(LineAtomicOutputStream.MAX_LINE, lines[1].length());
        assertEquals("@@ready 1", lines[2]);
    }

    private void control(String message) throws IOException {
        synchronized (lock) {
            stdout.write(("@@" + message + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private String text() {
        return stdout.toString(StandardCharsets.UTF_8);
    }
}

package dev.toolkit.readme;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What an example prints on {@code System.out}, for the tests to check what its reader would see. */
final class Stdout {

    /** An example's body. */
    interface Example {
        void run() throws Exception;
    }

    private Stdout() {
    }

    /** Runs {@code example} with {@code System.out} captured; returns what it printed. */
    static synchronized String capture(Example example) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

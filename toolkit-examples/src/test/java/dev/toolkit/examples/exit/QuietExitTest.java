package dev.toolkit.examples.exit;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every server and client, started and closed in a JVM of its own, leaves no thread that would keep the JVM
 * alive once {@code main} returns (Netty's GlobalEventExecutor thread among them).
 */
class QuietExitTest {

    @Test
    void noNonDaemonThreadIsLeftAfterEveryServerAndClientIsClosed() throws Exception {
        Path out = Files.createTempFile("quiet-exit", ".out");
        try {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StartAndCloseEverything.class.getName())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the program ends");
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), String.join(File.separator.equals("/") ? "\n" : "\r\n", lines));
            assertTrue(lines.contains("non-daemon threads left: none"), String.join("\n", lines));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

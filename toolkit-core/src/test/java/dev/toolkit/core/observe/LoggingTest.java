package dev.toolkit.core.observe;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With no SLF4J provider at all, the toolkit's WARN and ERROR lines and Netty's still reach stderr, one line
 * each, and nothing goes through {@code java.util.logging} (in a child JVM).
 */
class LoggingTest {

    @Test
    void warningsAndErrorsOfTheToolkitAndNettyReachStderrOneLineEachWithoutAProvider() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j-simple")).collect(Collectors.joining(File.pathSeparator));
        Path err = Files.createTempFile("logging", ".err");
        try {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, LogWithoutProviderMain.class.getName())
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), String.join("\n", lines));
            String name = LogWithoutProviderMain.class.getName();
            assertTrue(lines.contains("WARN " + name + ": a warning 3"), String.join("\n", lines));
            assertTrue(lines.contains("ERROR " + name + ": an error 4 (java.lang.IllegalStateException: why)"),
                    String.join("\n", lines));
            assertFalse(lines.stream().anyMatch(l -> l.contains("debug line") || l.contains("info line")));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN io.netty.util.ReferenceCountUtil: Failed to release")
                    && l.endsWith("(io.netty.util.IllegalReferenceCountException: refCnt: 0, decrement: 1)")),
                    String.join("\n", lines));
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("WARNING:")
                    || l.startsWith("SEVERE:")), "no stack trace, no JUL line:\n" + String.join("\n", lines));
            assertTrue(lines.contains("records through java.util.logging: 0"), String.join("\n", lines));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}

package dev.toolkit.examples.support;

import dev.toolkit.testing.Peers;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's own Python, {@code /usr/bin/python3}, and the Debian packages of Python modules the HTTP chapters'
 * tests use (Requests, httpbin), whatever {@code python3} comes first on the PATH. As with
 * {@link Peers}, a missing one skips the test with the package to install, and fails it in CI.
 */
public final class DebianPython {

    /** Debian's interpreter. */
    public static final String PYTHON = "/usr/bin/python3";

    private DebianPython() {
    }

    /** Debian's {@code python3}, after checking that it can import each of {@code modules}. */
    public static String require(Module... modules) {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            missing(PYTHON + " is not installed (Debian: apt-get install python3)");
        }
        for (Module module : modules) {
            if (!imports(module.name())) {
                missing("Debian's python3 cannot import " + module.name() + " (Debian: apt-get install "
                        + module.debianPackage() + ")");
            }
        }
        return PYTHON;
    }

    /** A Python module and the Debian package that provides it. */
    public record Module(String name, String debianPackage) {
        /** Requests. */
        public static final Module REQUESTS = new Module("requests", "python3-requests");
        /** httpbin, which Gunicorn serves in the differential test. */
        public static final Module HTTPBIN = new Module("httpbin", "python3-httpbin");
    }

    private static boolean imports(String module) {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import " + module).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for " + module, e);
        }
    }

    private static void missing(String message) {
        if (Peers.inCi()) {
            throw new AssertionError("CI=true and a test peer is missing: " + message);
        }
        Assumptions.abort(message + "; skipping");
    }

    /** The path of {@code python/NAME} in the test resources. */
    public static Path script(String name) {
        URL url = DebianPython.class.getResource("/python/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource python/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(url.toString(), e));
        }
    }
}

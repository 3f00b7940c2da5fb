package dev.toolkit.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.util.Optional;

/**
 * Finds the real peer programs (python3, openssl, dnsmasq, ...) that integration tests talk to.
 *
 * <p>Outside CI a missing peer skips the test with a message that names the Debian package to install; in CI
 * ({@code CI=true}) a missing peer fails the test, because there a skip would hide an untested feature.
 */
public final class Peers {

    private Peers() {
    }

    /** Whether this run is a CI run, where every peer must be present. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns the absolute path of {@code program} on the PATH, or skips (fails in CI) the calling test.
     *
     * @param program the program name, e.g. {@code python3}
     * @param debianPackage the Debian package that provides it, named in the message
     * @return the program's path
     */
    public static String require(String program, String debianPackage) {
        Optional<String> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String message = program + " is not installed (Debian: apt-get install " + debianPackage + ")";
        if (inCi()) {
            throw new AssertionError("CI=true and a test peer is missing: " + message);
        }
        Assumptions.abort(message + "; skipping");
        throw new AssertionError("unreachable");
    }

    /** Looks {@code program} up on the PATH. */
    public static Optional<String> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.isFile() && candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }
}

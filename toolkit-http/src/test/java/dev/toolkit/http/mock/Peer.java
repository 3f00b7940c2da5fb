package dev.toolkit.http.mock;

import dev.toolkit.testing.Peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A run of a peer program nobody here wrote (curl, Debian's python3): its exit code and its output. */
record Peer(int exitCode, String stdout, String stderr) {

    /** Bound of one run; a pass never comes near it. */
    static final long LIMIT_SECONDS = 30;

    /** curl, or a skip (a failure in CI) when it is not installed. */
    static String curl() {
        return Peers.require("curl", "curl");
    }

    /** Debian's own {@code /usr/bin/python3} where it is, else the python3 on the PATH (or a skip). */
    static String python() {
        Path debian = Path.of("/usr/bin/python3");
        return Files.isExecutable(debian) ? debian.toString() : Peers.require("python3", "python3");
    }

    /** Runs {@code command} in {@code dir} with no input, waits for it and returns what it gave. */
    static Peer run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "peer", ".out");
        Path err = Files.createTempFile(dir, "peer", ".err");
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " did not end within " + LIMIT_SECONDS + " s; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Peer(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

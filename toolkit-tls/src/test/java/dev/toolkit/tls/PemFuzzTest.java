package dev.toolkit.tls;

import dev.toolkit.testing.fuzz.FuzzTarget;
import dev.toolkit.testing.fuzz.Fuzzing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Fuzzes PEM loading: {@link Pem#readCertificates} and {@link Pem#readPrivateKey} on a file of arbitrary bytes.
 * Input layout: byte 0 odd means the key is read with the password {@code pw}, even without one; the rest is
 * the file.
 *
 * <p>A file that holds no usable certificate or key may fail only with an {@link IllegalArgumentException} that
 * names the file (what a server's configuration error then shows).
 */
class PemFuzzTest {

    private static final char[] PASSWORD = {'p', 'w'};
    private static final Path FILE = temporaryFile();

    private static final Predicate<Throwable> CLEAR = t -> t instanceof IllegalArgumentException
            && t.getMessage() != null && t.getMessage().contains(FILE.toString());

    @FuzzTarget
    void readPem(byte[] input) {
        Fuzzing.exercise(() -> readOnce(input), CLEAR);
    }

    private static void readOnce(byte[] input) throws IOException {
        if (input.length < 1) {
            return;
        }
        Files.write(FILE, Arrays.copyOfRange(input, 1, input.length));
        Pem.readCertificates(FILE);
        Pem.readPrivateKey(FILE, (input[0] & 1) == 1 ? PASSWORD.clone() : null);
    }

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("toolkit-fuzz-", ".pem");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

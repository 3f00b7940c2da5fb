package dev.toolkit.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The files and processes of tests against peer programs: certificates as PEM files, and stopping the peers. */
final class PeerFiles {

    private PeerFiles() {
    }

    /** Writes {@code ca.pem}, then each pair as {@code NAME.crt} and {@code NAME.key}, plus {@code expired}. */
    static void write(Path dir, CertificateAuthority ca, List<String> names, List<KeyAndCertificates> pairs) {
        Pem.write(dir.resolve("ca.pem"), Pem.certificates(List.of(ca.certificate())));
        for (int i = 0; i < names.size(); i++) {
            write(dir, names.get(i), pairs.get(i));
        }
        write(dir, "expired", ca.issue(CertificateSpec.server("localhost").dns("localhost")
                .notBefore(Instant.now().minus(Duration.ofDays(5))).validity(Duration.ofDays(1))));
    }

    private static void write(Path dir, String name, KeyAndCertificates pair) {
        Pem.write(dir.resolve(name + ".crt"), Pem.certificates(pair.chain()));
        Pem.write(dir.resolve(name + ".key"), Pem.privateKey(pair.key(), null));
    }

    /** Ends each process a test started, and waits for it. */
    static void stop(List<Process> started) throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

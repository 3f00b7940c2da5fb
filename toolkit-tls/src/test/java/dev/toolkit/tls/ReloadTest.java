package dev.toolkit.tls;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Certificates renewed on disk reach new connections; open ones are untouched. */
class ReloadTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void renewedCertificateReachesNewConnectionsOnly(TlsProvider p) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Reload CA");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        char[] password = "secret".toCharArray();
        KeyAndCertificates first = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
        Pem.write(cert, Pem.certificates(first.chain()));
        Pem.write(key, Pem.privateKey(first.key(), password));
        TlsClientConfig client = TlsClientConfig.builder().provider(p).trust(List.of(ca.certificate())).build();
        try (TlsServerConfig tls = TlsServerConfig.builder().provider(p).certificateFiles(cert, key, password).build();
             Loopback net = new Loopback()) {
            tls.watch(Duration.ofMillis(50));
            int port = net.serve(tls);
            try (Loopback.Client open = net.connect(client, "localhost", port)) {
                assertEquals(first.certificate().getSerialNumber(), serial(open));
                KeyAndCertificates second = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
                Pem.write(cert, Pem.certificates(second.chain()));
                Pem.write(key, Pem.privateKey(second.key(), password));
                waitFor(tls, second.certificate().getSerialNumber());
                try (Loopback.Client next = net.connect(client, "localhost", port)) {
                    assertEquals(second.certificate().getSerialNumber(), serial(next));
                    assertEquals("still here", open.echo("still here"));
                    assertEquals("new", next.echo("new"));
                }
                assertNotEquals(first.certificate().getSerialNumber(), second.certificate().getSerialNumber());
                // a key that does not belong to the certificate is refused; the previous pair stays
                KeyAndCertificates third = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
                Pem.write(cert, Pem.certificates(third.chain()));
                assertThrows(IllegalArgumentException.class, tls::reload);
                assertEquals(second.certificate().getSerialNumber(), tls.certificate().getSerialNumber());
                Pem.write(key, Pem.privateKey(third.key(), password));
                tls.reload();
                assertEquals(third.certificate().getSerialNumber(), tls.certificate().getSerialNumber());
            }
        }
    }

    private static BigInteger serial(Loopback.Client c) throws Exception {
        return c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS).peer().orElseThrow().serial();
    }

    private static void waitFor(TlsServerConfig tls, BigInteger serial) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Loopback.WAIT);
        while (!tls.certificate().getSerialNumber().equals(serial) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(serial, tls.certificate().getSerialNumber(), "the watch did not reload in time");
    }
}

package dev.toolkit.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificatesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void issuesWithSansAndRoundTripsThroughPem(KeyType type) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("CA " + type, type, java.time.Duration.ofDays(10));
        KeyAndCertificates server = ca.issue(CertificateSpec.server("www.example.test").keyType(type)
                .dns("www.example.test", "*.example.test").ip("127.0.0.1", "::1"));
        X509Certificate leaf = server.certificate();
        leaf.verify(ca.certificate().getPublicKey());
        assertEquals(List.of("www.example.test", "*.example.test"), HostNames.dnsNames(leaf));
        assertEquals(2, HostNames.ipAddresses(leaf).size());
        Path file = dir.resolve("server.pem");
        Pem.write(file, Pem.privateKey(server.key(), "pw".toCharArray()) + Pem.certificates(server.chain()));
        assertEquals(server.chain(), Pem.readCertificates(file));
        assertEquals(server.key(), Pem.readPrivateKey(file, "pw".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(file, null));
        assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(file, "wrong".toCharArray()));
        Path plain = dir.resolve("plain.pem");
        Pem.write(plain, Pem.combined(server));
        assertEquals(server.key(), Pem.readPrivateKey(plain, null));
    }

    @Test
    void hostNamesFollowRfc6125() {
        CertificateAuthority ca = CertificateAuthority.create("CA");
        X509Certificate c = ca.issue(CertificateSpec.server("x").dns("*.example.test", "localhost")
                .ip("127.0.0.1", "::1")).certificate();
        assertTrue(HostNames.mismatch(c, "a.example.test").isEmpty());
        assertTrue(HostNames.mismatch(c, "LOCALHOST").isEmpty());
        assertTrue(HostNames.mismatch(c, "127.0.0.1").isEmpty());
        assertTrue(HostNames.mismatch(c, "0:0:0:0:0:0:0:1").isEmpty());
        assertTrue(HostNames.mismatch(c, "[::1]").isEmpty());
        assertFalse(HostNames.mismatch(c, "a.b.example.test").isEmpty());
        assertFalse(HostNames.mismatch(c, "example.test").isEmpty());
        assertFalse(HostNames.mismatch(c, "127.0.0.2").isEmpty());
        X509Certificate noSan = ca.issue(CertificateSpec.server("localhost")).certificate();
        assertTrue(HostNames.mismatch(noSan, "localhost").orElseThrow().contains("no subject alternative names"));
    }

    @Test
    void opensslReadsWhatWeWrite() throws Exception {
        String openssl = dev.toolkit.testing.Peers.require("openssl", "openssl");
        CertificateAuthority ca = CertificateAuthority.create("CA");
        KeyAndCertificates server = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
        Path key = dir.resolve("key.pem");
        Pem.write(key, Pem.privateKey(server.key(), "pw".toCharArray()));
        Path cert = dir.resolve("cert.pem");
        Pem.write(cert, Pem.certificates(List.of(server.certificate())));
        Path caFile = dir.resolve("ca.pem");
        Pem.write(caFile, Pem.certificates(List.of(ca.certificate())));
        Process verify = new ProcessBuilder(openssl, "verify", "-CAfile", caFile.toString(), cert.toString())
                .redirectErrorStream(true).start();
        String out = new String(verify.getInputStream().readAllBytes());
        assertEquals(0, verify.waitFor(), out);
        Process pkey = new ProcessBuilder(openssl, "pkey", "-in", key.toString(), "-passin", "pass:pw", "-noout")
                .redirectErrorStream(true).start();
        String pkeyOut = new String(pkey.getInputStream().readAllBytes());
        assertEquals(0, pkey.waitFor(), pkeyOut);
    }

    @Test
    void bytesOutsideAsciiAroundTheBlocksAreIgnored() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("CA");
        X509Certificate c = ca.issue(CertificateSpec.server("localhost")).certificate();
        Path file = dir.resolve("commented.pem");
        byte[] comment = "Certificat de l'h\u00f4te\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.write(file, comment);
        java.nio.file.Files.writeString(file, Pem.certificates(List.of(c)), java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of(c), Pem.readCertificates(file));
    }

    @Test
    void malformedPemTextFailsNamingTheFile() throws Exception {
        Path file = dir.resolve("broken.pem");
        // '%' is no base64 character: BouncyCastle's own decoder error is unchecked
        java.nio.file.Files.writeString(file, "-----BEGIN CERTIFICATE-----\nMIIB%AAA\n-----END CERTIFICATE-----\n");
        for (org.junit.jupiter.api.function.Executable read : List.<org.junit.jupiter.api.function.Executable>of(
                () -> Pem.readCertificates(file), () -> Pem.readPrivateKey(file, null))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read);
            assertTrue(e.getMessage().startsWith("cannot parse " + file + ": "), e.getMessage());
        }
    }
}

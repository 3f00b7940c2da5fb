package dev.toolkit.tls;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLS settings' file setters only store: {@code build()} reads the files and names every one that is
 * missing, unreadable, empty or mismatched, with why, in one {@link IllegalArgumentException}.
 */
class TlsSettingsFilesTest {

    @TempDir
    static Path dir;

    private static CertificateAuthority ca;
    private static KeyAndCertificates identity;
    private static KeyAndCertificates other;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create("Files CA");
        identity = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
        other = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
    }

    private static Path write(String name, String text) {
        Path file = dir.resolve(name);
        Pem.write(file, text);
        return file;
    }

    @Test
    void settersReadNothingAndBuildReadsTheFilesAsTheyAreThen() {
        Path cert = dir.resolve("later-cert.pem");
        Path key = dir.resolve("later-key.pem");
        Path bundle = dir.resolve("later-ca.pem");
        // None of the files exists yet: the setters store the paths only.
        TlsServerConfig.Builder server = TlsServerConfig.builder().certificateFiles(cert, key, null);
        TlsClientConfig.Builder client = TlsClientConfig.builder().trustPem(bundle);
        Pem.write(cert, Pem.certificates(identity.chain()));
        Pem.write(key, Pem.privateKey(identity.key(), null));
        Pem.write(bundle, Pem.certificates(List.of(ca.certificate())));
        try (TlsServerConfig built = server.build()) {
            assertEquals(identity.certificate(), built.certificate());
        }
        client.build();
    }

    @Test
    void aServerBuildNamesEveryBadFileAndWhy() {
        Path missing = dir.resolve("missing-cert.pem");
        Path missingKey = dir.resolve("missing-key.pem");
        Path empty = write("empty-ca.pem", "");
        Path garbage = write("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        Path cert = write("cert.pem", Pem.certificates(identity.chain()));
        Path otherKey = write("other-key.pem", Pem.privateKey(other.key(), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsServerConfig.builder()
                .certificateFiles(missing, missingKey, null)
                .certificateFiles("zen.test", cert, otherKey, null)
                .certificateFiles("garbage.test", garbage, otherKey, null)
                .clientAuth(ClientAuth.REQUIRE).trustPem(empty)
                .sessionCacheSize(-1)
                .build());
        String message = e.getMessage();
        assertTrue(message.startsWith("invalid TlsServerConfig: "), message);
        assertTrue(message.contains("certificateFiles: cannot read " + missing + " (no such file)"), message);
        assertTrue(message.contains("certificateFiles: cannot read " + missingKey + " (no such file)"), message);
        assertTrue(message.contains("certificateFiles(zen.test): the private key does not belong to the certificate"),
                message);
        assertTrue(message.contains(otherKey.toString()), message);
        assertTrue(message.contains("certificateFiles(garbage.test): cannot parse " + garbage), message);
        assertTrue(message.contains("trustPem: " + empty + " holds no certificate"), message);
        assertTrue(message.contains("sessionCacheSize must not be negative: -1"), message);
    }

    @Test
    void aServerWithoutACertificateIsRefusedByBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsServerConfig.builder().handshakeTimeout(Duration.ZERO).build());
        assertTrue(e.getMessage().contains("certificate must be set"), e.getMessage());
        assertTrue(e.getMessage().contains("handshakeTimeout must be positive"), e.getMessage());
    }

    @Test
    void aClientBuildNamesAnUnreadableTrustBundle() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder.pem"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsClientConfig.builder().trustPem(folder).build());
        assertTrue(e.getMessage().startsWith("invalid TlsClientConfig: trustPem: cannot read " + folder),
                e.getMessage());
        Path missing = dir.resolve("no-ca.pem");
        e = assertThrows(IllegalArgumentException.class, () -> TlsClientConfig.builder().trustPem(missing).build());
        assertEquals("invalid TlsClientConfig: trustPem: cannot read " + missing + " (no such file)", e.getMessage());
        // trustSystem() forgets the bundle: nothing is read
        TlsClientConfig.builder().trustPem(missing).trustSystem().build();
    }

    @Test
    void aVariantReadsItsBundleAnew() {
        Path bundle = write("variant-ca.pem", Pem.certificates(List.of(ca.certificate())));
        TlsClientConfig client = TlsClientConfig.builder().trustPem(bundle).build();
        Pem.write(bundle, "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.toBuilder().alpn("h2").build());
        assertTrue(e.getMessage().contains("trustPem: " + bundle + " holds no certificate"), e.getMessage());
    }
}

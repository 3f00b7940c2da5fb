package dev.toolkit.tls;

import dev.toolkit.core.config.Validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where a server's key and certificate chain come from: fixed objects, or PEM files re-read on reload.
 * Files are checked for a key that matches the certificate, so a reload that sees a new certificate next to
 * the old key (a renewal half-written) keeps the previous pair instead of breaking every handshake.
 */
final class CertificateSource {

    private final KeyAndCertificates fixed;
    private final Path certificates;
    private final Path key;
    private final char[] password;

    private CertificateSource(KeyAndCertificates fixed, Path certificates, Path key, char[] password) {
        this.fixed = fixed;
        this.certificates = certificates;
        this.key = key;
        this.password = password == null ? null : password.clone();
    }

    static CertificateSource of(KeyAndCertificates pair) {
        return new CertificateSource(Objects.requireNonNull(pair, "pair"), null, null, null);
    }

    static CertificateSource files(Path certificates, Path key, char[] password) {
        return new CertificateSource(null, Objects.requireNonNull(certificates, "certificates"),
                Objects.requireNonNull(key, "key"), password);
    }

    /** Whether the key and chain come from files. */
    boolean isFiles() {
        return fixed == null;
    }

    /** Whether the key file is encrypted. */
    boolean hasPassword() {
        return password != null;
    }

    /** The certificate chain's file, or {@code null} for fixed objects. */
    Path certificatesFile() {
        return certificates;
    }

    /** The key's file, or {@code null} for fixed objects. */
    Path keyFile() {
        return key;
    }

    /**
     * The key and chain now, read from disk for files: each file is read and checked on its own, and every
     * problem (a file that cannot be read or parsed, no certificate, no key, a key of another certificate) goes
     * to {@code check} under {@code setting}.
     *
     * @return the pair, or {@code null} when {@code check} got a problem
     */
    KeyAndCertificates load(Validation check, String setting) {
        if (fixed != null) {
            return fixed;
        }
        List<X509Certificate> chain = null;
        PrivateKey privateKey = null;
        try {
            chain = Pem.readCertificates(certificates);
            check.rule(!chain.isEmpty(), setting + ": " + certificates + " holds no certificate");
        } catch (RuntimeException e) {
            check.rule(false, setting + ": " + e.getMessage());
        }
        try {
            privateKey = Pem.readPrivateKey(key, password);
        } catch (RuntimeException e) {
            check.rule(false, setting + ": " + e.getMessage());
        }
        if (chain == null || chain.isEmpty() || privateKey == null) {
            return null;
        }
        KeyAndCertificates pair = new KeyAndCertificates(privateKey, chain);
        try {
            checkMatch(pair);
        } catch (IllegalArgumentException e) {
            check.rule(false, setting + ": " + e.getMessage() + " (" + certificates + ", " + key + ")");
            return null;
        }
        return pair;
    }

    /** A fingerprint of the files' state (modification times and sizes); constant for fixed objects. */
    List<Long> stamp() {
        if (fixed == null) {
            try {
                return List.of(Files.getLastModifiedTime(certificates).toMillis(), Files.size(certificates),
                        Files.getLastModifiedTime(key).toMillis(), Files.size(key));
            } catch (IOException e) {
                return List.of(-1L);
            }
        }
        return List.of();
    }

    private static void checkMatch(KeyAndCertificates pair) {
        byte[] probe = "toolkit key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String algorithm = switch (pair.key().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(pair.key());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pair.certificate().getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the private key does not belong to the certificate "
                        + PeerVerifier.subject(pair.certificate()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + PeerVerifier.subject(pair.certificate()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return fixed != null ? "certificate " + PeerVerifier.subject(fixed.certificate())
                : certificates + " and " + key + (password == null ? "" : " (encrypted)");
    }
}

package dev.toolkit.tls;

/** The kind of key a {@link CertificateAuthority} makes for a certificate. */
public enum KeyType {
    /** RSA, 2048 bits, signed with SHA-256. */
    RSA("RSA", "SHA256withRSA"),
    /** ECDSA on the NIST P-256 curve, signed with SHA-256: small and fast, accepted everywhere. */
    EC_P256("EC", "SHA256withECDSA"),
    /** Ed25519 (RFC 8410): the smallest and fastest; TLS 1.3 peers accept it, older ones may not. */
    ED25519("Ed25519", "Ed25519");

    private final String algorithm;
    private final String signature;

    KeyType(String algorithm, String signature) {
        this.algorithm = algorithm;
        this.signature = signature;
    }

    String algorithm() {
        return algorithm;
    }

    String signatureAlgorithm() {
        return signature;
    }
}

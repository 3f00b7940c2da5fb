package dev.toolkit.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A small certificate authority for tests, examples and private deployments, on BouncyCastle: a self-signed
 * root that issues server and client certificates with DNS and IP subject-alternative names.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create("Example CA");
 * KeyAndCertificates server = ca.issue(CertificateSpec.server("localhost").dns("localhost").ip("127.0.0.1"));
 * }</pre>
 *
 * <p>Serial numbers are random 128-bit positive numbers, so two certificates never share one.
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration SKEW = Duration.ofHours(1);

    private final KeyAndCertificates root;

    private CertificateAuthority(KeyAndCertificates root) {
        this.root = root;
    }

    /** A new root CA called {@code commonName}, with an ECDSA P-256 key, valid for ten years. */
    public static CertificateAuthority create(String commonName) {
        return create(commonName, KeyType.EC_P256, Duration.ofDays(3650));
    }

    /** A new root CA with the chosen key type and validity. */
    public static CertificateAuthority create(String commonName, KeyType keyType, Duration validity) {
        try {
            KeyPair pair = generate(keyType);
            X500Name name = name(commonName);
            Instant start = Instant.now().minus(SKEW);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(start),
                    Date.from(start.plus(validity)), name, pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(builder, pair.getPrivate(), keyType);
            return new CertificateAuthority(new KeyAndCertificates(pair.getPrivate(), List.of(cert)));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a CA certificate: " + e.getMessage(), e);
        }
    }

    /** A CA that issues with an existing root (for example one read back with {@link Pem}). */
    public static CertificateAuthority of(KeyAndCertificates root) {
        return new CertificateAuthority(root);
    }

    /** The CA's certificate: what peers put in their trust store. */
    public X509Certificate certificate() {
        return root.certificate();
    }

    /** The CA's key and certificate. */
    public KeyAndCertificates keyAndCertificate() {
        return root;
    }

    /**
     * Issues a certificate with a new key.
     *
     * @return the new key and the chain {@code [leaf, this CA]}
     */
    public KeyAndCertificates issue(CertificateSpec spec) {
        try {
            KeyPair pair = generate(spec.keyType());
            Instant start = spec.notBefore() != null ? spec.notBefore() : Instant.now().minus(SKEW);
            X509Certificate issuer = root.certificate();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(start),
                    Date.from(start.plus(spec.validity())), name(spec.commonName()), pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature;
            if (spec.keyType() == KeyType.RSA) {
                usage |= KeyUsage.keyEncipherment;
            }
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    spec.usage() == CertificateSpec.Usage.SERVER ? KeyPurposeId.id_kp_serverAuth
                            : KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuer));
            List<GeneralName> names = new ArrayList<>();
            spec.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            spec.ipAddresses().forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509Certificate cert = sign(builder, root.key(), keyTypeOf(root.key()));
            return new KeyAndCertificates(pair.getPrivate(), List.of(cert, issuer));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + spec.commonName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(126);
    }

    private static KeyPair generate(KeyType type) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm());
        switch (type) {
            case RSA -> generator.initialize(2048, RANDOM);
            case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            case ED25519 -> { }
        }
        return generator.generateKeyPair();
    }

    private static KeyType keyTypeOf(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> KeyType.RSA;
            case "EC", "ECDSA" -> KeyType.EC_P256;
            case "Ed25519", "EdDSA" -> KeyType.ED25519;
            default -> throw new IllegalArgumentException("unsupported CA key algorithm " + key.getAlgorithm());
        };
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, KeyType type)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(type.signatureAlgorithm()).build(key)));
    }
}

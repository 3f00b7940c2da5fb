package dev.toolkit.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link CertificateAuthority} puts in a certificate: subject common name, DNS and IP
 * subject-alternative names, key type, validity, and whether it is for a server or a client. Immutable; each
 * method returns a changed copy.
 */
public final class CertificateSpec {

    /** What the certificate is used for (its extended key usage). */
    public enum Usage {
        /** TLS server authentication. */
        SERVER,
        /** TLS client authentication. */
        CLIENT
    }

    private final String commonName;
    private final List<String> dnsNames;
    private final List<String> ipAddresses;
    private final KeyType keyType;
    private final Instant notBefore;
    private final Duration validity;
    private final Usage usage;

    private CertificateSpec(String commonName, List<String> dnsNames, List<String> ipAddresses, KeyType keyType,
                            Instant notBefore, Duration validity, Usage usage) {
        this.commonName = Objects.requireNonNull(commonName, "commonName");
        this.dnsNames = List.copyOf(dnsNames);
        this.ipAddresses = List.copyOf(ipAddresses);
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        this.notBefore = notBefore;
        this.validity = Objects.requireNonNull(validity, "validity");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    /**
     * A server certificate for {@code commonName} with no alternative names yet, an ECDSA P-256 key, valid from
     * an hour ago (clock skew) for 30 days.
     */
    public static CertificateSpec server(String commonName) {
        return new CertificateSpec(commonName, List.of(), List.of(), KeyType.EC_P256, null, Duration.ofDays(30),
                Usage.SERVER);
    }

    /** A client certificate for {@code commonName}; otherwise as {@link #server(String)}. */
    public static CertificateSpec client(String commonName) {
        return server(commonName).usage(Usage.CLIENT);
    }

    /** Adds DNS subject-alternative names. */
    public CertificateSpec dns(String... names) {
        List<String> all = new ArrayList<>(dnsNames);
        all.addAll(List.of(names));
        return new CertificateSpec(commonName, all, ipAddresses, keyType, notBefore, validity, usage);
    }

    /** Adds IP-address subject-alternative names (IPv4 or IPv6 literals). */
    public CertificateSpec ip(String... addresses) {
        List<String> all = new ArrayList<>(ipAddresses);
        all.addAll(List.of(addresses));
        return new CertificateSpec(commonName, dnsNames, all, keyType, notBefore, validity, usage);
    }

    /** The key type (default ECDSA P-256). */
    public CertificateSpec keyType(KeyType type) {
        return new CertificateSpec(commonName, dnsNames, ipAddresses, type, notBefore, validity, usage);
    }

    /** The start of validity (default: an hour before issuing, for clock skew). */
    public CertificateSpec notBefore(Instant start) {
        return new CertificateSpec(commonName, dnsNames, ipAddresses, keyType, start, validity, usage);
    }

    /** How long the certificate is valid from its start (default 30 days). */
    public CertificateSpec validity(Duration duration) {
        return new CertificateSpec(commonName, dnsNames, ipAddresses, keyType, notBefore, duration, usage);
    }

    /** Server or client certificate. */
    public CertificateSpec usage(Usage use) {
        return new CertificateSpec(commonName, dnsNames, ipAddresses, keyType, notBefore, validity, use);
    }

    /** The subject common name. */
    public String commonName() {
        return commonName;
    }

    /** The DNS subject-alternative names. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** The IP-address subject-alternative names. */
    public List<String> ipAddresses() {
        return ipAddresses;
    }

    /** The key type. */
    public KeyType keyType() {
        return keyType;
    }

    /** The start of validity, or {@code null} for an hour before issuing. */
    public Instant notBefore() {
        return notBefore;
    }

    /** The validity period. */
    public Duration validity() {
        return validity;
    }

    /** Server or client. */
    public Usage usage() {
        return usage;
    }
}

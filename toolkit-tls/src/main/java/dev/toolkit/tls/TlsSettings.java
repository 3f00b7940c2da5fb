package dev.toolkit.tls;

import dev.toolkit.core.config.Validation;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings {@link TlsClientConfig.Builder} and {@link TlsServerConfig.Builder} share, with the same safe defaults:
 * provider, trusted CAs, protocol versions, cipher suites, ALPN and handshake time-out.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class TlsSettings<B extends TlsSettings<B>> {

    TlsProvider provider = TlsProvider.automatic();
    /** The CAs to trust; {@code null} for the system trust store (or the bundle below). */
    List<X509Certificate> trusted;
    /** A PEM bundle of CAs to trust, read by {@code build()}; {@code null} when none. */
    Path trustBundle;
    List<String> protocols = TlsDefaults.PROTOCOLS;
    List<String> ciphers = TlsDefaults.CIPHERS;
    List<String> alpn = List.of();
    Duration handshakeTimeout = TlsDefaults.HANDSHAKE_TIMEOUT;

    TlsSettings() {
    }

    /** This builder, typed as the concrete one. */
    abstract B self();

    void copyTo(TlsSettings<?> other) {
        other.provider = provider;
        other.trusted = trusted;
        other.trustBundle = trustBundle;
        other.protocols = protocols;
        other.ciphers = ciphers;
        other.alpn = alpn;
        other.handshakeTimeout = handshakeTimeout;
    }

    /** The provider (default: OpenSSL when available, else the JDK). */
    public B provider(TlsProvider value) {
        this.provider = Objects.requireNonNull(value, "provider");
        return self();
    }

    /** Trusts only these CA certificates instead of the system trust store. */
    public B trust(List<X509Certificate> cas) {
        this.trusted = List.copyOf(cas);
        this.trustBundle = null;
        return self();
    }

    /**
     * Trusts only the CA certificates of a PEM bundle instead of the system trust store. The file is read by
     * {@code build()} (each build reads it anew), which names it if it cannot be read or holds no certificate.
     */
    public B trustPem(Path bundle) {
        this.trustBundle = Objects.requireNonNull(bundle, "bundle");
        this.trusted = null;
        return self();
    }

    /** Trusts the system trust store (the default). */
    public B trustSystem() {
        this.trusted = null;
        this.trustBundle = null;
        return self();
    }

    /** The protocol versions (default TLSv1.3 and TLSv1.2). */
    public B protocols(String... versions) {
        this.protocols = List.of(versions);
        return self();
    }

    /** The cipher suites, by IANA name (default: AEAD suites with forward secrecy). */
    public B ciphers(List<String> suites) {
        this.ciphers = List.copyOf(suites);
        return self();
    }

    /** The ALPN protocols, most preferred first (default none). */
    public B alpn(String... protocolNames) {
        this.alpn = List.of(protocolNames);
        return self();
    }

    /** How long a handshake may take (default 10 s). */
    public B handshakeTimeout(Duration value) {
        this.handshakeTimeout = Objects.requireNonNull(value, "handshakeTimeout");
        return self();
    }

    /**
     * Checks the shared settings into {@code check} and reads the trust bundle, if any.
     *
     * @return the CAs to trust, {@code null} for the system trust store (or when the bundle is unusable, which
     *     {@code check} then names)
     */
    List<X509Certificate> checkShared(Validation check) {
        check.positive("handshakeTimeout", handshakeTimeout)
                .rule(!protocols.isEmpty(), "protocols must name at least one version")
                .rule(!ciphers.isEmpty(), "ciphers must name at least one suite");
        if (trustBundle == null) {
            return trusted;
        }
        try {
            List<X509Certificate> cas = Pem.readCertificates(trustBundle);
            check.rule(!cas.isEmpty(), "trustPem: " + trustBundle + " holds no certificate");
            return cas.isEmpty() ? null : cas;
        } catch (RuntimeException e) {
            check.rule(false, "trustPem: " + e.getMessage());
            return null;
        }
    }
}

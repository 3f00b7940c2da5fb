package dev.toolkit.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain, leaf first: what a server presents, or a client for mutual TLS.
 *
 * @param key the private key of the leaf certificate
 * @param chain the leaf certificate, then the intermediates (the root may be left out)
 */
public record KeyAndCertificates(PrivateKey key, List<X509Certificate> chain) {

    /** Checks and copies the chain. */
    public KeyAndCertificates {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }
}

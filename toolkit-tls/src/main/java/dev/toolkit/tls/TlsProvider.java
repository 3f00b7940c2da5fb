package dev.toolkit.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation runs the handshakes: the JDK's {@code SSLEngine} or OpenSSL (BoringSSL, linked
 * statically through netty-tcnative). Both get the same protocols, cipher suites and certificate checks; the
 * checks run in Java for both (see {@link PeerVerifier}), so failures are reported the same way.
 */
public enum TlsProvider {
    /** The JDK's {@code SSLEngine}: always available. */
    JDK,
    /** OpenSSL through netty-tcnative: faster handshakes and bulk encryption where the native library loads. */
    OPENSSL;

    /** OpenSSL when its native library loads on this machine, otherwise the JDK. */
    public static TlsProvider automatic() {
        return OPENSSL.isAvailable() ? OPENSSL : JDK;
    }

    /** Whether this provider can run here. */
    public boolean isAvailable() {
        return this == JDK || OpenSsl.isAvailable();
    }

    SslProvider netty() {
        if (!isAvailable()) {
            throw new IllegalStateException("OpenSSL is not available: " + OpenSsl.unavailabilityCause());
        }
        return this == JDK ? SslProvider.JDK : SslProvider.OPENSSL;
    }
}

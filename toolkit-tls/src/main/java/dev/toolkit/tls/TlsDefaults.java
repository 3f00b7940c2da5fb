package dev.toolkit.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.time.Duration;
import java.util.List;

/** The safe defaults both builders share, and the provider-specific setup that makes both behave alike. */
final class TlsDefaults {

    /** TLS 1.3 and 1.2 only: older versions have known weaknesses (RFC 8996). */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * AEAD suites with forward secrecy only: TLS 1.3's three, then TLS 1.2's ECDHE with AES-GCM or ChaCha20
     * (Mozilla's "intermediate" profile without the finite-field DHE suites).
     */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private TlsDefaults() {
    }

    /** Applies what both sides configure the same way. */
    static SslContextBuilder common(SslContextBuilder b, TlsProvider provider, List<String> protocols,
                                    List<String> ciphers, List<String> alpn) {
        b.sslProvider(provider.netty())
                .protocols(protocols)
                .ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE)
                // host names are checked by PeerVerifier, the same way for both providers
                .endpointIdentificationAlgorithm(null);
        if (!alpn.isEmpty() && provider == TlsProvider.OPENSSL) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        return b;
    }

    /**
     * Per-engine setup: the JDK gets ALPN through {@link SSLParameters} (so Netty does not wrap its engine, and
     * the trust and key managers see the same engine the handler holds); both get the handshake time-out.
     */
    static SslHandler prepare(SslHandler handler, TlsProvider provider, List<String> alpn, Duration timeout) {
        SSLEngine engine = handler.engine();
        if (!alpn.isEmpty() && provider == TlsProvider.JDK) {
            SSLParameters p = engine.getSSLParameters();
            p.setApplicationProtocols(alpn.toArray(String[]::new));
            engine.setSSLParameters(p);
        }
        handler.setHandshakeTimeoutMillis(timeout.toMillis());
        return handler;
    }
}

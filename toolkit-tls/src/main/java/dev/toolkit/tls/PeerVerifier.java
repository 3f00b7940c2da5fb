package dev.toolkit.tls;

import dev.toolkit.core.error.TlsException;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.CertificateVerifier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The trust manager of every toolkit context, for both providers: checks validity dates, then the chain
 * against the trust anchors (PKIX, through the JDK's trust manager), then, on a client, the host name
 * ({@link HostNames}). Each failure is a {@link TlsCheckFailedException} naming the check, so the error is the
 * same whichever provider ran the handshake.
 *
 * <p>Each failure also carries what makes the provider send the alert an OpenSSL-based peer would send
 * (README, toolkit-tls, "Alerts"): for OpenSSL an X.509 verify error code (host name mismatch, unable to get
 * the local issuer, expired), which BoringSSL turns into 42 {@code bad_certificate}, 48 {@code unknown_ca}, 45
 * {@code certificate_expired}; for the JDK, whose engine picks its alert from the reason of a
 * {@link CertPathValidatorException} cause (TLS 1.2 only: in TLS 1.3 JDK 17 always sends 46
 * {@code certificate_unknown}), a cause with the reason that selects the closest alert. The JDK never sends
 * {@code unknown_ca}; an untrusted issuer gets 46.
 */
final class PeerVerifier extends X509ExtendedTrustManager {

    private final X509TrustManager anchors;
    private final boolean verifyHostName;

    private PeerVerifier(X509TrustManager anchors, boolean verifyHostName) {
        this.anchors = anchors;
        this.verifyHostName = verifyHostName;
    }

    /**
     * @param trusted the CA certificates to trust, or {@code null} for the system's trust store
     * @param verifyHostName whether a client checks the server's name
     */
    static PeerVerifier create(List<X509Certificate> trusted, boolean verifyHostName) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (trusted == null) {
                factory.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int i = 0; i < trusted.size(); i++) {
                    store.setCertificateEntry("ca-" + i, trusted.get(i));
                }
                factory.init(store);
            }
            for (javax.net.ssl.TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return new PeerVerifier(x509, verifyHostName);
                }
            }
            throw new IllegalStateException("no X.509 trust manager available");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up the trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            checkDates(chain);
            try {
                anchors.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw untrusted(chain, e, TlsException.Check.ISSUER);
            }
            String host = engine == null ? null : engine.getPeerHost();
            if (verifyHostName && host != null) {
                Optional<String> mismatch = HostNames.mismatch(chain[0], host);
                if (mismatch.isPresent()) {
                    throw failed(TlsException.Check.HOST_NAME, mismatch.get(), null);
                }
            }
        } catch (TlsCheckFailedException e) {
            throw forProvider(e, engine);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (engine != null) {
            HandshakeFacts.of(engine).clientChainReceived = true;
        }
        try {
            checkDates(chain);
            try {
                anchors.checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                throw untrusted(chain, e, TlsException.Check.CLIENT_CERTIFICATE);
            }
        } catch (TlsCheckFailedException e) {
            throw forProvider(e, engine);
        }
    }

    /**
     * A failed check, with the cause the JDK's engine reads to choose its alert: a validator exception whose
     * reason selects {@code certificate_expired} (expired) or {@code bad_certificate} (not yet valid, host
     * name); other checks keep their own cause, for which the JDK sends {@code certificate_unknown}.
     */
    private static TlsCheckFailedException failed(TlsException.Check check, String detail, Throwable cause) {
        CertPathValidatorException.Reason reason = switch (check) {
            case EXPIRED -> CertPathValidatorException.BasicReason.EXPIRED;
            case NOT_YET_VALID -> CertPathValidatorException.BasicReason.NOT_YET_VALID;
            // the JDK has no host-name reason; this one is the reason its engine answers with bad_certificate
            case HOST_NAME -> CertPathValidatorException.BasicReason.INVALID_SIGNATURE;
            default -> null;
        };
        Throwable carrier = reason == null ? cause
                : new CertPathValidatorException(detail, cause, null, -1, reason);
        return new TlsCheckFailedException(check, detail, carrier);
    }

    /**
     * On an OpenSSL engine, {@code failure} inside the exception whose verify error code OpenSSL turns into
     * the alert; on the JDK, {@code failure} itself.
     */
    private static CertificateException forProvider(TlsCheckFailedException failure, SSLEngine engine) {
        if (!(engine instanceof ReferenceCountedOpenSslEngine)) {
            return failure;
        }
        int code = switch (failure.check()) {
            case HOST_NAME -> CertificateVerifier.X509_V_ERR_HOSTNAME_MISMATCH;
            case ISSUER, CLIENT_CERTIFICATE -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            case EXPIRED -> CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
            case NOT_YET_VALID -> CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID;
            default -> CertificateVerifier.X509_V_ERR_UNSPECIFIED;
        };
        return new OpenSslCertificateException(failure.getMessage(), failure, code);
    }

    private static void checkDates(X509Certificate[] chain) throws TlsCheckFailedException {
        if (chain == null || chain.length == 0) {
            throw failed(TlsException.Check.ISSUER, "the peer sent no certificate", null);
        }
        Date now = new Date();
        for (X509Certificate c : chain) {
            if (now.after(c.getNotAfter())) {
                throw failed(TlsException.Check.EXPIRED, "certificate " + subject(c)
                        + " expired on " + c.getNotAfter().toInstant(), null);
            }
            if (now.before(c.getNotBefore())) {
                throw failed(TlsException.Check.NOT_YET_VALID, "certificate " + subject(c)
                        + " is valid only from " + c.getNotBefore().toInstant(), null);
            }
        }
    }

    private static TlsCheckFailedException untrusted(X509Certificate[] chain, CertificateException e,
                                                     TlsException.Check check) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return failed(TlsException.Check.EXPIRED, String.valueOf(v.getMessage()), e);
            }
        }
        X509Certificate last = chain[chain.length - 1];
        return failed(check, "certificate " + subject(chain[0])
                + " is not issued by a trusted CA (chain ends at issuer "
                + last.getIssuerX500Principal().getName() + ")", e);
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkClientTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServerTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.getAcceptedIssuers();
    }
}

package dev.toolkit.tls;

import dev.toolkit.core.error.TlsException;

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
                throw new TlsCheckFailedException(TlsException.Check.HOST_NAME, mismatch.get(), null);
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (engine != null) {
            HandshakeFacts.of(engine).clientChainReceived = true;
        }
        checkDates(chain);
        try {
            anchors.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw untrusted(chain, e, TlsException.Check.CLIENT_CERTIFICATE);
        }
    }

    private static void checkDates(X509Certificate[] chain) throws TlsCheckFailedException {
        if (chain == null || chain.length == 0) {
            throw new TlsCheckFailedException(TlsException.Check.ISSUER, "the peer sent no certificate", null);
        }
        Date now = new Date();
        for (X509Certificate c : chain) {
            if (now.after(c.getNotAfter())) {
                throw new TlsCheckFailedException(TlsException.Check.EXPIRED, "certificate " + subject(c)
                        + " expired on " + c.getNotAfter().toInstant(), null);
            }
            if (now.before(c.getNotBefore())) {
                throw new TlsCheckFailedException(TlsException.Check.NOT_YET_VALID, "certificate " + subject(c)
                        + " is valid only from " + c.getNotBefore().toInstant(), null);
            }
        }
    }

    private static TlsCheckFailedException untrusted(X509Certificate[] chain, CertificateException e,
                                                     TlsException.Check check) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return new TlsCheckFailedException(TlsException.Check.EXPIRED, String.valueOf(v.getMessage()), e);
            }
        }
        X509Certificate last = chain[chain.length - 1];
        return new TlsCheckFailedException(check, "certificate " + subject(chain[0])
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

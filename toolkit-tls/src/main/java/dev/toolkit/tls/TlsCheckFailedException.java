package dev.toolkit.tls;

import dev.toolkit.core.error.TlsException;

import java.security.cert.CertificateException;

/**
 * A certificate check of {@link PeerVerifier} failed. It travels inside the provider's handshake exception
 * (a {@code CertificateException}, as trust managers must throw) and names the check, so the failure is
 * classified from its type rather than from any provider's message text.
 */
public final class TlsCheckFailedException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final TlsException.Check check;

    /**
     * @param check the check that failed
     * @param detail what failed, e.g. "certificate names localhost, not 127.0.0.1"
     * @param cause the underlying failure, or {@code null}
     */
    public TlsCheckFailedException(TlsException.Check check, String detail, Throwable cause) {
        super(detail, cause);
        this.check = check;
    }

    /** The check that failed. */
    public TlsException.Check check() {
        return check;
    }
}

package dev.toolkit.core.error;

/** A TLS check failed; {@link #check()} names which. */
public class TlsException extends ToolkitException {

    private static final long serialVersionUID = 1L;

    /** The TLS check that failed. */
    public enum Check {
        /** The certificate does not name the host that was asked for. */
        HOST_NAME,
        /** The chain does not lead to a trusted issuer. */
        ISSUER,
        /** A certificate in the chain has expired. */
        EXPIRED,
        /** A certificate in the chain is not yet valid. */
        NOT_YET_VALID,
        /** The peer offered only protocol versions that are not allowed. */
        PROTOCOL_VERSION,
        /** No cipher suite in common. */
        CIPHER,
        /** The server required a client certificate and none (or an untrusted one) was given. */
        CLIENT_CERTIFICATE,
        /** The handshake did not finish in time. */
        HANDSHAKE_TIMEOUT,
        /** Another handshake failure; see the cause. */
        OTHER
    }

    private final Check check;

    /**
     * @param check the check that failed
     * @param detail what exactly failed, e.g. "certificate names localhost, not 127.0.0.1"
     * @param cause the underlying exception, or {@code null}
     */
    public TlsException(Check check, String detail, Throwable cause) {
        super(ErrorKind.TLS, "TLS " + check.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " check failed: " + detail, cause);
        this.check = check;
    }

    /** The check that failed. */
    public Check check() {
        return check;
    }
}

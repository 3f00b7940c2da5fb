package dev.toolkit.tls;

import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.TlsException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.error.Excerpts;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed handshake into a {@link TlsException} naming the failed check, from the cause chain's types
 * (the {@link TlsCheckFailedException} of {@link PeerVerifier}, the handshake time-out) and the connection's
 * {@link HandshakeFacts} (versions and alerts seen on the wire, a certificate asked for and not sent, bytes that
 * are not TLS, a connection closed mid-handshake), so the JDK and OpenSSL report the same failure the same
 * way. The one thing read from a provider's exception is the number of an alert the peer sent encrypted (TLS
 * 1.3), which no fact can see: the JDK names it ({@code Received fatal alert: bad_certificate}), OpenSSL
 * reports it as error reason 1000 + the alert's number.
 *
 * <p>An alert rejecting this side's certificate names the check OpenSSL-based peers send it for: 42
 * {@code bad_certificate} a host name mismatch, 48 {@code unknown_ca} an untrusted issuer, 45
 * {@code certificate_expired} an expired certificate (see {@link PeerVerifier}).
 */
final class TlsErrors {

    /** TLS 1.2's version number on the wire. */
    static final int TLS12 = 0x0303;

    private static final Map<Integer, String> ALERTS = Map.ofEntries(
            Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"), Map.entry(40, "handshake_failure"),
            Map.entry(42, "bad_certificate"), Map.entry(43, "unsupported_certificate"),
            Map.entry(44, "certificate_revoked"), Map.entry(45, "certificate_expired"),
            Map.entry(46, "certificate_unknown"), Map.entry(47, "illegal_parameter"), Map.entry(48, "unknown_ca"),
            Map.entry(49, "access_denied"), Map.entry(50, "decode_error"), Map.entry(51, "decrypt_error"),
            Map.entry(70, "protocol_version"), Map.entry(71, "insufficient_security"),
            Map.entry(80, "internal_error"), Map.entry(86, "inappropriate_fallback"),
            Map.entry(109, "missing_extension"), Map.entry(112, "unrecognized_name"),
            Map.entry(116, "certificate_required"), Map.entry(120, "no_application_protocol"));

    /** A JDK engine's report of an alert it received. */
    private static final Pattern JDK_RECEIVED = Pattern.compile("Received fatal alert: (\\w+)");
    /** An OpenSSL (BoringSSL) error code, {@code error:10000412:...}: library in the top byte, reason below. */
    private static final Pattern OPENSSL_ERROR = Pattern.compile("error:([0-9a-fA-F]{8}):");
    /** OpenSSL's reason for "the peer sent alert N" is this plus N. */
    private static final int OPENSSL_ALERT_REASON = 1000;

    private TlsErrors() {
    }

    static TlsException classify(Throwable failure, HandshakeFacts facts) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof TlsException t) {
                return t;
            }
            if (c instanceof SslHandshakeTimeoutException) {
                return new TlsException(TlsException.Check.HANDSHAKE_TIMEOUT, String.valueOf(c.getMessage()), failure);
            }
            if (c instanceof TlsCheckFailedException f) {
                return new TlsException(f.check(), f.getMessage(), failure);
            }
        }
        String side = facts.client ? "server" : "client";
        if (facts.notTls != null || has(failure, NotSslRecordException.class)) {
            String first = facts.notTls == null ? "" : ": " + Excerpts.of(facts.notTls);
            return new TlsException(TlsException.Check.OTHER, "the " + side + " sent bytes that are not TLS" + first,
                    failure);
        }
        if (facts.peerVersion != 0 && facts.peerVersion < TLS12) {
            return new TlsException(TlsException.Check.PROTOCOL_VERSION, "the " + side + " "
                    + (facts.client ? "chose " : "offers at most ") + versionName(facts.peerVersion)
                    + "; only TLSv1.2 and TLSv1.3 are allowed", failure);
        }
        int alert = facts.alert >= 0 ? facts.alert : receivedAlert(failure);
        if (alert == 70) {
            return new TlsException(TlsException.Check.PROTOCOL_VERSION, "the " + side
                    + " refused every offered version (alert protocol_version)", failure);
        }
        if (facts.client && (facts.certificateRequested && !facts.certificateSent || alert == 116)) {
            return new TlsException(TlsException.Check.CLIENT_CERTIFICATE,
                    "the server asked for a client certificate and none was configured", failure);
        }
        if (!facts.client && facts.clientAuth == ClientAuth.REQUIRE && facts.helloSeen && !facts.clientChainReceived) {
            return new TlsException(TlsException.Check.CLIENT_CERTIFICATE,
                    "a client certificate is required and the client sent none", failure);
        }
        if (alert >= 42 && alert <= 48 && alert != 47) {
            return new TlsException(rejectedCheck(facts.client, alert), "the " + side
                    + " rejected this side's certificate (alert " + alertName(alert) + ")", failure);
        }
        if (has(failure, ClosedChannelException.class)) {
            return new TlsException(TlsException.Check.OTHER, "the " + side
                    + " closed the connection during the handshake", failure);
        }
        ToolkitException mapped = Exceptions.map(failure);
        if (mapped instanceof TlsException t && t.check() != TlsException.Check.OTHER) {
            return t;
        }
        String detail = alert >= 0 ? "the " + side + " sent alert " + alertName(alert)
                : String.valueOf(failure.getMessage());
        return new TlsException(TlsException.Check.OTHER, detail, failure);
    }

    /**
     * The check the peer's certificate alert stands for. A server rejected this client's certificate: a
     * client-certificate check whatever the alert. A client rejected this server's certificate: the check
     * an OpenSSL-based client sends that alert for ({@code certificate_unknown}, a JDK client's answer to
     * every failure in TLS 1.3, names none).
     */
    private static TlsException.Check rejectedCheck(boolean client, int alert) {
        if (client) {
            return TlsException.Check.CLIENT_CERTIFICATE;
        }
        return switch (alert) {
            case 42 -> TlsException.Check.HOST_NAME;
            case 48 -> TlsException.Check.ISSUER;
            case 45 -> TlsException.Check.EXPIRED;
            default -> TlsException.Check.OTHER;
        };
    }

    /** The alert the peer sent, as the provider's exception reports it, or -1. */
    static int receivedAlert(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            String message = c.getMessage();
            if (message == null) {
                continue;
            }
            Matcher jdk = JDK_RECEIVED.matcher(message);
            if (jdk.find()) {
                for (Map.Entry<Integer, String> e : ALERTS.entrySet()) {
                    if (e.getValue().equals(jdk.group(1))) {
                        return e.getKey();
                    }
                }
            }
            Matcher openssl = OPENSSL_ERROR.matcher(message);
            if (openssl.find()) {
                int reason = (int) (Long.parseLong(openssl.group(1), 16) & 0xfff);
                if (reason >= OPENSSL_ALERT_REASON && reason < OPENSSL_ALERT_REASON + 256) {
                    return reason - OPENSSL_ALERT_REASON;
                }
            }
        }
        return -1;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String alertName(int alert) {
        return ALERTS.getOrDefault(alert, "#" + alert);
    }

    static String versionName(int version) {
        return switch (version) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("version 0x%04x", version);
        };
    }
}

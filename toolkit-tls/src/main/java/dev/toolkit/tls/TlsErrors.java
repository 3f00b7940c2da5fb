package dev.toolkit.tls;

import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.TlsException;
import dev.toolkit.core.error.ToolkitException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import java.util.Map;

/**
 * Turns a failed handshake into a {@link TlsException} naming the failed check, from the cause chain's types
 * (the {@link TlsCheckFailedException} of {@link PeerVerifier}, the handshake time-out) and the connection's
 * {@link HandshakeFacts} (versions and alerts seen on the wire, a certificate asked for and not sent), never
 * from a provider's message text, so the JDK and OpenSSL report the same failure the same way.
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
        if (facts.peerVersion != 0 && facts.peerVersion < TLS12) {
            return new TlsException(TlsException.Check.PROTOCOL_VERSION, "the " + side + " "
                    + (facts.client ? "chose " : "offers at most ") + versionName(facts.peerVersion)
                    + "; only TLSv1.2 and TLSv1.3 are allowed", failure);
        }
        if (facts.alert == 70) {
            return new TlsException(TlsException.Check.PROTOCOL_VERSION, "the " + side
                    + " refused every offered version (alert protocol_version)", failure);
        }
        if (facts.client && (facts.certificateRequested && !facts.certificateSent || facts.alert == 116)) {
            return new TlsException(TlsException.Check.CLIENT_CERTIFICATE,
                    "the server asked for a client certificate and none was configured", failure);
        }
        if (!facts.client && facts.clientAuth == ClientAuth.REQUIRE && facts.helloSeen && !facts.clientChainReceived) {
            return new TlsException(TlsException.Check.CLIENT_CERTIFICATE,
                    "a client certificate is required and the client sent none", failure);
        }
        if (facts.alert == 48 || facts.alert == 42) {
            return new TlsException(facts.client ? TlsException.Check.CLIENT_CERTIFICATE : TlsException.Check.ISSUER,
                    "the " + side + " rejected this side's certificate (alert " + alertName(facts.alert) + ")",
                    failure);
        }
        ToolkitException mapped = Exceptions.map(failure);
        if (mapped instanceof TlsException t && t.check() != TlsException.Check.OTHER) {
            return t;
        }
        String detail = facts.alert >= 0 ? "the " + side + " sent alert " + alertName(facts.alert)
                : String.valueOf(failure.getMessage());
        return new TlsException(TlsException.Check.OTHER, detail, failure);
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

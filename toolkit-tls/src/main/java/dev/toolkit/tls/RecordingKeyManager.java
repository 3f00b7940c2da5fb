package dev.toolkit.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A client's key manager: offers its one certificate (if any) and records on the connection's
 * {@link HandshakeFacts} that the server asked for a certificate and whether one was sent, so "client
 * certificate required but missing" is known from facts, even in TLS 1.3 where the request is encrypted.
 */
final class RecordingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "client";
    private final KeyAndCertificates identity;

    RecordingKeyManager(KeyAndCertificates identity) {
        this.identity = identity;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        HandshakeFacts facts = HandshakeFacts.of(engine);
        facts.certificateRequested = true;
        facts.certificateSent = identity != null;
        return identity == null ? null : ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return identity == null ? null : ALIAS;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return identity == null ? null : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return identity == null || !ALIAS.equals(alias) ? null : identity.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return identity == null || !ALIAS.equals(alias) ? null : identity.key();
    }
}

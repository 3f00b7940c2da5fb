package dev.toolkit.tls;

import javax.net.ssl.SSLEngine;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What one connection's handshake showed, gathered from the wire ({@link TlsRecordObserver}) and from the
 * trust and key managers ({@link PeerVerifier}, {@link RecordingKeyManager}), so a failure is classified from
 * facts. Written on the connection's event loop or the provider's handshake thread, hence volatile.
 */
final class HandshakeFacts {

    private static final Map<SSLEngine, HandshakeFacts> BY_ENGINE = Collections.synchronizedMap(new WeakHashMap<>());

    final boolean client;
    final ClientAuth clientAuth;
    final long started = System.currentTimeMillis();
    /** The highest version the peer's hello offered (client hello) or chose (server hello); 0 if not seen. */
    volatile int peerVersion;
    /** A plaintext alert the peer sent, or -1. */
    volatile int alert = -1;
    /** The peer's first bytes, when they are not a TLS record header; otherwise {@code null}. */
    volatile byte[] notTls;
    volatile boolean helloSeen;
    volatile boolean certificateRequested;
    volatile boolean certificateSent;
    volatile boolean clientChainReceived;
    /** On a server, the SNI name the client asked for. */
    volatile String serverName;

    private HandshakeFacts(boolean client, ClientAuth clientAuth) {
        this.client = client;
        this.clientAuth = clientAuth;
    }

    static HandshakeFacts register(SSLEngine engine, boolean client, ClientAuth clientAuth) {
        HandshakeFacts facts = new HandshakeFacts(client, clientAuth);
        BY_ENGINE.put(engine, facts);
        return facts;
    }

    /** Facts not yet tied to an engine (a server's engine exists only once SNI has chosen the context). */
    static HandshakeFacts detached(boolean client, ClientAuth clientAuth) {
        return new HandshakeFacts(client, clientAuth);
    }

    static void attach(SSLEngine engine, HandshakeFacts facts) {
        BY_ENGINE.put(engine, facts);
    }

    /** The facts of {@code engine}'s connection, or a detached set when the engine was not registered. */
    static HandshakeFacts of(SSLEngine engine) {
        HandshakeFacts facts = engine == null ? null : BY_ENGINE.get(engine);
        return facts != null ? facts : new HandshakeFacts(engine != null && engine.getUseClientMode(), ClientAuth.NONE);
    }
}

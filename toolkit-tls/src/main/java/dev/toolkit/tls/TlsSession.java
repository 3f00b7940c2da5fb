package dev.toolkit.tls;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.concurrent.CompletableFuture;

/**
 * The TLS side of one connection: the outcome of its handshake. {@link TlsClientConfig#install} and
 * {@link TlsServerConfig#install} attach one to the channel; {@link #of(Channel)} finds it again.
 */
public final class TlsSession {

    private static final AttributeKey<TlsSession> KEY = AttributeKey.valueOf(TlsSession.class, "session");

    private final CompletableFuture<ConnectionReport> handshake = new CompletableFuture<>();
    private final CompletableFuture<dev.toolkit.core.error.TlsException> failure = new CompletableFuture<>();

    TlsSession() {
    }

    static TlsSession attach(Channel channel) {
        TlsSession session = new TlsSession();
        channel.attr(KEY).set(session);
        // later, not at once: a provider may close the channel before it reports the failure that closed it
        channel.closeFuture().addListener(f -> channel.eventLoop().execute(() -> session.failure.complete(null)));
        return session;
    }

    /**
     * The session of {@code channel}.
     *
     * @throws IllegalStateException if no TLS was installed on it
     */
    public static TlsSession of(Channel channel) {
        TlsSession session = channel.attr(KEY).get();
        if (session == null) {
            throw new IllegalStateException("no TLS on " + channel);
        }
        return session;
    }

    /**
     * Completes with the connection report when the handshake succeeds, or exceptionally with a
     * {@link dev.toolkit.core.error.TlsException} naming the failed check.
     */
    public CompletableFuture<ConnectionReport> handshake() {
        return handshake;
    }

    /**
     * Completes with the TLS failure that ended the connection, or with {@code null} when it closed without
     * one. Unlike {@link #handshake()} this also sees a failure just after a successful handshake: in TLS 1.3 a
     * client finishes its handshake before the server has checked the client's certificate, so a missing or
     * rejected client certificate arrives as the server's alert afterwards.
     */
    public CompletableFuture<dev.toolkit.core.error.TlsException> failure() {
        return failure;
    }
}

package dev.toolkit.tls;

import dev.toolkit.core.error.TlsException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sits after the {@link SslHandler}: when the handshake ends it completes the connection's
 * {@link TlsSession#handshake()} with a {@link ConnectionReport}, or with a {@link TlsException} naming the
 * failed check, and passes that {@code TlsException} down the pipeline in place of the provider's exception.
 * Every handshake failure is passed down once as an exception, a time-out too (Netty's handler only fires
 * the completion event for it), so that the error handler logs it; the completion event passed on carries the
 * same {@code TlsException}.
 */
final class TlsHandshakeHandler extends ChannelInboundHandlerAdapter {

    static final String OBSERVER = "tls-observer";
    static final String TLS = "tls";
    static final String HANDSHAKE = "tls-handshake";

    private final TlsSession session;
    private final TlsProvider provider;
    private final String hostName;
    private HandshakeFacts facts;
    private TlsException failure;
    private boolean reported;

    TlsHandshakeHandler(TlsSession session, TlsProvider provider, String hostName, HandshakeFacts facts) {
        this.session = session;
        this.provider = provider;
        this.hostName = hostName;
        this.facts = facts;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SniCompletionEvent sni && !sni.isSuccess()) {
            // The server's certificate selector failed or timed out before any TLS handler was chosen; its
            // time-out fires only this event and closes.
            TlsException mapped = failure(null, sni.cause());
            session.handshake().completeExceptionally(mapped);
            session.failure().complete(mapped);
            report(ctx, mapped);
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (ctx.pipeline().get(OBSERVER) != null) {
                ctx.pipeline().remove(OBSERVER);
            }
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (done.isSuccess() && ssl != null) {
                session.handshake().complete(report(ssl.engine()));
            } else {
                TlsException mapped = failure(ssl, done.cause());
                session.handshake().completeExceptionally(mapped);
                session.failure().complete(mapped);
                report(ctx, mapped);
                ctx.fireUserEventTriggered(new SslHandshakeCompletionEvent(mapped));
                return;
            }
        }
        if (evt instanceof SslCloseCompletionEvent closed && !closed.isSuccess()
                && closed.cause() instanceof SSLException) {
            session.failure().complete(failure(ctx.pipeline().get(SslHandler.class), closed.cause()));
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof SSLException || c instanceof SslHandshakeTimeoutException) {
            TlsException mapped = failure(ctx.pipeline().get(SslHandler.class), c);
            session.handshake().completeExceptionally(mapped);
            session.failure().complete(mapped);
            report(ctx, mapped);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /** Passes the failure down once: the provider may report one failure both as an event and an exception. */
    private void report(ChannelHandlerContext ctx, TlsException mapped) {
        if (!reported) {
            reported = true;
            ctx.fireExceptionCaught(mapped);
        }
    }

    /**
     * Adds the TLS handlers in order (record observer, TLS, handshake reporter) before the handler named
     * {@code before}, or at the head of the pipeline when it is {@code null}.
     */
    static void place(ChannelPipeline pipeline, String before, ChannelHandler observer, ChannelHandler tls,
                      ChannelHandler handshake) {
        if (before == null) {
            pipeline.addFirst(HANDSHAKE, handshake);
            pipeline.addFirst(TLS, tls);
            pipeline.addFirst(OBSERVER, observer);
        } else {
            pipeline.addBefore(before, OBSERVER, observer);
            pipeline.addBefore(before, TLS, tls);
            pipeline.addBefore(before, HANDSHAKE, handshake);
        }
    }

    private TlsException failure(SslHandler ssl, Throwable cause) {
        if (failure == null) {
            if (ssl != null) {
                facts = HandshakeFacts.of(ssl.engine());
            }
            failure = TlsErrors.classify(cause, facts);
        }
        return failure;
    }

    /**
     * Whether the handshake resumed a session: OpenSSL says so itself (SSL_session_reused, which Netty keeps
     * package-private, hence the reflective call); the JDK's resumed session keeps the creation time of the full
     * handshake that made it.
     */
    private boolean resumed(SSLEngine engine, SSLSession s) {
        if (provider == TlsProvider.OPENSSL) {
            try {
                java.lang.reflect.Method m = Class.forName("io.netty.handler.ssl.ReferenceCountedOpenSslEngine")
                        .getDeclaredMethod("isSessionReused");
                m.setAccessible(true);
                return (Boolean) m.invoke(engine);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
        return s.getCreationTime() < facts.started;
    }

    private ConnectionReport report(SSLEngine engine) {
        SSLSession s = engine.getSession();
        List<CertificateInfo> chain = new ArrayList<>();
        X509Certificate leaf = null;
        try {
            for (Certificate c : s.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(CertificateInfo.of(x));
                    leaf = leaf == null ? x : leaf;
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // the peer sent no certificate: a client without one, accepted under ClientAuth.OPTIONAL
        }
        Optional<String> mismatch = hostName != null && leaf != null ? HostNames.mismatch(leaf, hostName)
                : Optional.empty();
        String alpn = engine.getApplicationProtocol();
        String serverName = facts.serverName;
        if (serverName == null && !engine.getUseClientMode() && s instanceof ExtendedSSLSession extended) {
            for (SNIServerName n : extended.getRequestedServerNames()) {
                if (n instanceof SNIHostName host) {
                    serverName = host.getAsciiName();
                }
            }
        }
        boolean resumed = resumed(engine, s);
        return new ConnectionReport(provider, s.getProtocol(), s.getCipherSuite(),
                ConnectionReport.secretBits(s.getCipherSuite()), chain, hostName, mismatch,
                alpn == null || alpn.isEmpty() ? null : alpn, resumed, serverName);
    }
}

package dev.toolkit.tls;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.pipeline.ClientSecurity;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;

import io.netty.util.NetUtil;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A TLS client configuration with safe defaults, built once and shared by every connection (its session cache
 * lets later connections to the same host and port resume):
 * <ul>
 *   <li>TLS 1.3 and 1.2 only, AEAD cipher suites with forward secrecy;</li>
 *   <li>the server's chain verified against the system trust store (or the CAs given), its validity dates
 *       checked, and its host name verified ({@link HostNames}: IP literals against IP SANs, no fallback to
 *       the common name);</li>
 *   <li>SNI sent for host names (not for IP literals), a 10-second handshake time-out;</li>
 *   <li>the provider chosen automatically ({@link TlsProvider#automatic()}), or as asked.</li>
 * </ul>
 *
 * <p>It is the security stage of toolkit clients: give it to {@code ClientConfig.Builder.security} (or
 * {@code TcpClient.Builder.tls}); each connect call's host is the name sent as SNI and verified, and
 * connecting completes after the handshake.
 *
 * <pre>{@code
 * TlsClientConfig tls = TlsClientConfig.builder().trustPem(Path.of("ca.pem")).build();
 * try (Connector connector = Connector.create(ClientConfig.builder().security(tls).build())) {
 *     Channel channel = connector.connect("localhost", 1060, protocol);
 *     ConnectionReport report = TlsSession.of(channel).handshake().join();
 * }
 * }</pre>
 * A pipeline assembled by hand calls {@link #install(Channel, String, int)} in its channel initializer.
 */
public final class TlsClientConfig implements ClientSecurity {

    private final Builder config;
    private final SslContext context;

    private TlsClientConfig(Builder config, List<X509Certificate> trusted) {
        this.config = config;
        try {
            SslContextBuilder b = TlsDefaults.common(SslContextBuilder.forClient(), config.provider, config.protocols,
                    config.ciphers, config.alpn);
            b.trustManager(PeerVerifier.create(trusted, config.verifyHostName));
            b.keyManager(new RecordingKeyManager(config.identity));
            this.context = b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS client context: " + e.getMessage(), e);
        }
    }

    /** A builder with the safe defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this client's settings, to derive a variant. */
    public Builder toBuilder() {
        return config.copy();
    }

    /** The provider this client uses. */
    public TlsProvider provider() {
        return config.provider;
    }

    /**
     * Adds TLS at the front of {@code channel}'s pipeline, for a connection to {@code host:port}: call it in the
     * channel initializer, before the protocol's handlers.
     *
     * @param host the name the server's certificate must carry (also sent as SNI when it is not an IP literal)
     * @param port the server's port (the session cache is keyed by host and port)
     */
    public TlsSession install(Channel channel, String host, int port) {
        return place(channel, null, host, port);
    }

    /**
     * The security stage: adds TLS before the handler named {@code before} (the connection pipeline's
     * security stage), for the host and port of the connect call.
     */
    @Override
    public void install(Channel channel, String before, String host, int port) {
        place(channel, java.util.Objects.requireNonNull(before, "before"), host, port);
    }

    private TlsSession place(Channel channel, String before, String host, int port) {
        TlsSession session = TlsSession.attach(channel);
        SslHandler ssl = TlsDefaults.prepare(context.newHandler(channel.alloc(), host, port), config.provider,
                config.alpn, config.handshakeTimeout);
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
            // SNI for every host name, dotless ones such as localhost too (the JDK alone would skip those)
            SSLParameters p = ssl.engine().getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(host)));
            ssl.engine().setSSLParameters(p);
        }
        HandshakeFacts facts = HandshakeFacts.register(ssl.engine(), true, ClientAuth.NONE);
        TlsHandshakeHandler.place(channel.pipeline(), before, new TlsRecordObserver(facts), ssl,
                new TlsHandshakeHandler(session, config.provider, host, facts));
        return session;
    }

    /** Settings for a {@link TlsClientConfig}; every setter returns this builder. */
    public static final class Builder extends TlsSettings<Builder> {
        private boolean verifyHostName = true;
        private KeyAndCertificates identity;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        Builder copy() {
            Builder b = new Builder();
            copyTo(b);
            b.verifyHostName = verifyHostName;
            b.identity = identity;
            return b;
        }

        /**
         * Whether the server's host name is verified (default true). Turning it off accepts any certificate a
         * trusted CA issued, for any name: only for tools that report the mismatch instead, like test_tls.
         */
        public Builder verifyHostName(boolean value) {
            this.verifyHostName = value;
            return this;
        }

        /** The certificate and key this client presents when the server asks (mutual TLS). */
        public Builder clientCertificate(KeyAndCertificates value) {
            this.identity = value;
            return this;
        }

        /**
         * The client: every setting is checked, and a trust bundle read, here.
         *
         * @throws IllegalArgumentException naming every broken setting (a trust bundle that cannot be read or
         *     holds no certificate among them)
         */
        public TlsClientConfig build() {
            Builder settings = copy();
            Validation check = Validation.of("TlsClientConfig");
            List<X509Certificate> trusted = settings.checkShared(check);
            check.done();
            return new TlsClientConfig(settings, trusted);
        }
    }
}

package dev.toolkit.tls;

import dev.toolkit.core.config.Validation;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.pipeline.ServerSecurity;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TLS server configuration with safe defaults (TLS 1.3 and 1.2, AEAD suites with forward secrecy, a
 * 10-second handshake time-out, a session cache), a default certificate plus optional per-name certificates
 * chosen by the client's SNI, optional client certificates (mutual TLS), ALPN, and certificate reload
 * without restart.
 *
 * <p><b>Reload.</b> Netty's contexts are immutable, so this server keeps the current set of contexts and
 * swaps it: {@link #reload()} re-reads the PEM files and rebuilds; {@link #watch(Duration)} polls the files
 * and reloads when they change. Each new connection takes the contexts current when it is accepted;
 * connections already open keep theirs, untouched. A reload that fails (a key that does not match its
 * certificate, an unreadable file) keeps the previous certificates and reports the failure.
 *
 * <p>It is the security stage of a toolkit server: give it to {@code ServerConfig.Builder.security}, and the
 * connection pipeline installs it after the PROXY header and the limits; the protocol sees a connection only
 * once its handshake succeeded.
 *
 * <pre>{@code
 * TlsServerConfig tls = TlsServerConfig.builder().certificateFiles(Path.of("cert.pem"), Path.of("key.pem"), null).build();
 * tls.watch(Duration.ofSeconds(5));
 * RunningServer server = Servers.start(ServerConfig.builder().security(tls).build(), protocol);
 * }</pre>
 * A pipeline assembled by hand calls {@link #install(Channel)} in its channel initializer instead.
 */
public final class TlsServerConfig implements ServerSecurity, AutoCloseable {

    private static final Logger LOG = Logging.logger(TlsServerConfig.class);

    private final Builder config;
    /** The CAs client certificates are checked against; {@code null} for the system trust store. */
    private final List<X509Certificate> trusted;
    private volatile Contexts current;
    private ScheduledExecutorService watcher;

    /** One generation of contexts: the default one and one per SNI name, with the files' state they came from. */
    private record Contexts(SslContext fallback, Map<String, SslContext> byName, List<List<Long>> stamps,
                            X509Certificate certificate) {
    }

    private TlsServerConfig(Builder config, List<X509Certificate> trusted, Contexts contexts) {
        this.config = config;
        this.trusted = trusted;
        this.current = contexts;
    }

    /**
     * A builder with the safe defaults; a certificate must be set, with {@link Builder#certificate} or
     * {@link Builder#certificateFiles}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings, to derive a variant; the variant is a new, separate settings object
     * (it loads its own certificates when built).
     */
    public Builder toBuilder() {
        return config.copy();
    }

    /** The provider this server uses. */
    public TlsProvider provider() {
        return config.provider;
    }

    /** The default certificate currently presented to new connections. */
    public X509Certificate certificate() {
        return current.certificate();
    }

    /**
     * Adds TLS at the front of {@code channel}'s pipeline: call it in the channel initializer, before the
     * protocol's handlers. The certificate is chosen from the client's SNI name when one was configured for it.
     */
    public TlsSession install(Channel channel) {
        return place(channel, null);
    }

    /**
     * The security stage: adds TLS before the handler named {@code before} (the connection pipeline's
     * security stage); {@link TlsSession#of(Channel)} then finds the connection's session.
     */
    @Override
    public void install(Channel channel, String before) {
        place(channel, Objects.requireNonNull(before, "before"));
    }

    private TlsSession place(Channel channel, String before) {
        TlsSession session = TlsSession.attach(channel);
        Contexts contexts = current;
        Selector selector = new Selector(contexts, session);
        TlsHandshakeHandler.place(channel.pipeline(), before, new TlsRecordObserver(selector.facts), selector,
                new TlsHandshakeHandler(session, config.provider, null, selector.facts));
        return session;
    }

    /**
     * How a worker process of a {@code MULTI_PROCESS} server rebuilds this stage: only for a server whose one
     * certificate comes from unencrypted PEM files (no per-name certificates, no client certificates, the
     * default cipher suites); {@code null} otherwise.
     */
    @Override
    public Recipe recipe() {
        if (!config.certificate.isFiles() || config.certificate.hasPassword() || !config.byName.isEmpty()
                || config.clientAuth != ClientAuth.NONE || !config.ciphers.equals(TlsDefaults.CIPHERS)) {
            return null;
        }
        return new Recipe(WorkerFactory.class, List.of(config.provider.name(),
                config.certificate.certificatesFile().toString(), config.certificate.keyFile().toString(),
                config.handshakeTimeout.toString(), String.join(":", config.protocols), String.join(":", config.alpn)));
    }

    /** Rebuilds a {@link TlsServerConfig} from its {@link #recipe()} in a worker process. */
    public static final class WorkerFactory implements ServerSecurity.Factory {
        /** Made by class name in a worker process. */
        public WorkerFactory() {
        }

        @Override
        public ServerSecurity create(List<String> arguments) {
            if (arguments.size() != 6) {
                throw new IllegalArgumentException("a TLS server recipe has 6 arguments, got " + arguments);
            }
            Builder b = builder().provider(TlsProvider.valueOf(arguments.get(0)))
                    .certificateFiles(Path.of(arguments.get(1)), Path.of(arguments.get(2)), null)
                    .handshakeTimeout(Duration.parse(arguments.get(3)))
                    .protocols(arguments.get(4).split(":"));
            if (!arguments.get(5).isEmpty()) {
                b.alpn(arguments.get(5).split(":"));
            }
            return b.build();
        }
    }

    @Override
    public String toString() {
        return "TlsServerConfig{" + config.provider + ", " + config.certificate + "}";
    }

    /**
     * Re-reads the certificate files and builds new contexts for new connections.
     *
     * @throws IllegalArgumentException if a file cannot be read or a key does not match its certificate (the
     *     previous certificates stay in use)
     */
    public synchronized void reload() {
        Validation check = Validation.of("TlsServerConfig reload");
        Contexts loaded = load(check);
        check.done();
        current = loaded;
        LOG.info("TLS certificates reloaded: serial {}", current.certificate().getSerialNumber().toString(16));
    }

    /**
     * Checks the certificate files every {@code interval} and reloads when one changed. A failed reload is
     * logged and retried at the next change. Stops on {@link #close()}.
     */
    public synchronized TlsServerConfig watch(Duration interval) {
        if (watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tls-certificate-watch");
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(1, interval.toMillis());
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void reloadIfChanged() {
        if (!stamps().equals(current.stamps())) {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warn("TLS certificate reload failed, keeping the previous certificates: {}", e.getMessage());
            }
        }
    }

    /** Stops watching the files. Open connections are not affected. */
    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    private List<List<Long>> stamps() {
        return stamps(config);
    }

    private static List<List<Long>> stamps(Builder config) {
        List<List<Long>> stamps = new java.util.ArrayList<>();
        stamps.add(config.certificate.stamp());
        config.byName.values().forEach(s -> stamps.add(s.stamp()));
        return stamps;
    }

    /**
     * Reads every certificate source; the contexts, or {@code null} when {@code check} got a problem (each
     * bad file named).
     */
    private Contexts load(Validation check) {
        return load(config, trusted, check);
    }

    private static Contexts load(Builder config, List<X509Certificate> trusted, Validation check) {
        List<List<Long>> stamps = stamps(config);
        KeyAndCertificates main = config.certificate.load(check, "certificateFiles");
        Map<String, KeyAndCertificates> named = new LinkedHashMap<>();
        for (Map.Entry<String, CertificateSource> e : config.byName.entrySet()) {
            named.put(e.getKey(), e.getValue().load(check, "certificateFiles(" + e.getKey() + ")"));
        }
        if (main == null || named.containsValue(null)) {
            return null;
        }
        Map<String, SslContext> byName = new LinkedHashMap<>();
        named.forEach((name, identity) -> byName.put(name, context(config, trusted, identity)));
        return new Contexts(context(config, trusted, main), byName, stamps, main.certificate());
    }

    private static SslContext context(Builder config, List<X509Certificate> trusted, KeyAndCertificates identity) {
        try {
            SslContextBuilder b = TlsDefaults.common(SslContextBuilder.forServer(identity.key(), identity.chain()),
                    config.provider, config.protocols, config.ciphers, config.alpn);
            b.clientAuth(config.clientAuth.netty());
            if (config.clientAuth != ClientAuth.NONE) {
                b.trustManager(PeerVerifier.create(trusted, false));
            }
            b.sessionCacheSize(config.sessionCacheSize).sessionTimeout(config.sessionTimeout.toSeconds());
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS server context: " + e.getMessage(), e);
        }
    }

    /** Picks the context for the client's SNI name, then behaves as that context's SslHandler. */
    private final class Selector extends SniHandler {
        final HandshakeFacts facts;
        private final Contexts contexts;

        Selector(Contexts contexts, TlsSession session) {
            super((String name) -> contexts.fallback(), config.handshakeTimeout.toMillis());
            this.contexts = contexts;
            this.facts = HandshakeFacts.detached(false, config.clientAuth);
        }

        @Override
        protected io.netty.util.concurrent.Future<SslContext> lookup(io.netty.channel.ChannelHandlerContext ctx,
                                                                    String hostname) {
            SslContext chosen = contexts.fallback();
            if (hostname != null) {
                facts.serverName = hostname;
                SslContext named = contexts.byName().get(hostname.toLowerCase(Locale.ROOT));
                chosen = named != null ? named : chosen;
            }
            return ctx.executor().newSucceededFuture(chosen);
        }

        @Override
        protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
            SslHandler handler = TlsDefaults.prepare(super.newSslHandler(context, allocator), config.provider,
                    config.alpn, config.handshakeTimeout);
            HandshakeFacts.attach(handler.engine(), facts);
            return handler;
        }
    }

    /** Settings for a {@link TlsServerConfig}; every setter returns this builder. */
    public static final class Builder extends TlsSettings<Builder> {
        private CertificateSource certificate;
        private final Map<String, CertificateSource> byName = new LinkedHashMap<>();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private long sessionCacheSize = 20_000;
        private Duration sessionTimeout = Duration.ofHours(1);

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** A snapshot, so changing this builder later does not change a server built from it. */
        Builder copy() {
            Builder b = new Builder();
            copyTo(b);
            b.certificate = certificate;
            b.byName.putAll(byName);
            b.clientAuth = clientAuth;
            b.sessionCacheSize = sessionCacheSize;
            b.sessionTimeout = sessionTimeout;
            return b;
        }

        /** The default certificate and key (fixed: {@link #reload()} keeps them). */
        public Builder certificate(KeyAndCertificates value) {
            this.certificate = CertificateSource.of(value);
            return this;
        }

        /**
         * The default certificate chain and key from PEM files, re-read by {@link #reload()}; both may be the
         * same file.
         *
         * @param password the key's password, or {@code null} for an unencrypted key
         */
        public Builder certificateFiles(Path certificates, Path key, char[] password) {
            this.certificate = CertificateSource.files(certificates, key, password);
            return this;
        }

        /** The certificate presented to clients whose SNI asks for {@code hostName}. */
        public Builder certificate(String hostName, KeyAndCertificates value) {
            byName.put(hostName.toLowerCase(Locale.ROOT), CertificateSource.of(value));
            return this;
        }

        /** As {@link #certificate(String, KeyAndCertificates)}, from PEM files re-read on reload. */
        public Builder certificateFiles(String hostName, Path certificates, Path key, char[] password) {
            byName.put(hostName.toLowerCase(Locale.ROOT), CertificateSource.files(certificates, key, password));
            return this;
        }

        /** Whether clients must present a certificate (default {@link ClientAuth#NONE}). */
        public Builder clientAuth(ClientAuth value) {
            this.clientAuth = Objects.requireNonNull(value, "clientAuth");
            return this;
        }

        /** How many sessions the server keeps for resumption (default 20,000). */
        public Builder sessionCacheSize(long value) {
            this.sessionCacheSize = value;
            return this;
        }

        /** How long a session may be resumed (default one hour). */
        public Builder sessionTimeout(Duration value) {
            this.sessionTimeout = Objects.requireNonNull(value, "sessionTimeout");
            return this;
        }

        /**
         * The server, with its certificates loaded: every setting is checked and every file read here.
         *
         * @throws IllegalArgumentException naming every broken setting and every file that cannot be read,
         *     holds nothing usable, or has a key that does not match its certificate
         */
        public TlsServerConfig build() {
            Builder settings = copy();
            Validation check = Validation.of("TlsServerConfig");
            List<X509Certificate> trusted = settings.checkShared(check);
            check.present("certificate", settings.certificate)
                    .notNegative("sessionCacheSize", settings.sessionCacheSize)
                    .positive("sessionTimeout", settings.sessionTimeout);
            Contexts contexts = settings.certificate == null ? null : load(settings, trusted, check);
            check.done();
            return new TlsServerConfig(settings, trusted, contexts);
        }
    }
}

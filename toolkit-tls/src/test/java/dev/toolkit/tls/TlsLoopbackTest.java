package dev.toolkit.tls;

import dev.toolkit.core.error.TlsException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The toolkit's client against its server on loopback, every check, with both providers. */
class TlsLoopbackTest {

    static CertificateAuthority ca;
    static KeyAndCertificates localhost;

    @BeforeAll
    static void certificates() {
        ca = CertificateAuthority.create("Test CA");
        localhost = ca.issue(CertificateSpec.server("localhost").dns("localhost"));
    }

    static TlsServerConfig server(TlsProvider p, KeyAndCertificates cert) {
        return TlsServerConfig.builder().provider(p).certificate(cert).build();
    }

    static TlsClientConfig client(TlsProvider p) {
        return TlsClientConfig.builder().provider(p).trust(java.util.List.of(ca.certificate())).build();
    }

    static TlsException failure(TlsSession session) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS));
        return assertInstanceOf(TlsException.class, e.getCause());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void handshakeSucceedsAndReports(TlsProvider p) throws Exception {
        try (Loopback net = new Loopback()) {
            int port = net.serve(server(p, localhost));
            try (Loopback.Client c = net.connect(client(p), "localhost", port)) {
                ConnectionReport r = c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS);
                assertEquals("TLSv1.3", r.protocol());
                assertEquals(p, r.provider());
                assertTrue(r.hostNameMatches());
                assertEquals("localhost", r.peer().orElseThrow().subject());
                assertEquals(java.util.List.of("localhost"), r.peer().orElseThrow().dnsNames());
                assertEquals("Test CA", r.peer().orElseThrow().issuer());
                assertTrue(r.secretBits() >= 128, r.toString());
                assertEquals("hello", c.echo("hello"));
                ConnectionReport s = net.serverSessions.take().handshake().get(Loopback.WAIT, TimeUnit.SECONDS);
                assertEquals("localhost", s.serverName());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void ipLiteralNeedsAnIpSan(TlsProvider p) throws Exception {
        KeyAndCertificates both = ca.issue(CertificateSpec.server("localhost").dns("localhost").ip("127.0.0.1"));
        try (Loopback net = new Loopback()) {
            int port = net.serve(server(p, localhost));
            try (Loopback.Client c = net.connect(client(p), "127.0.0.1", port)) {
                TlsException e = failure(c.session);
                assertEquals(TlsException.Check.HOST_NAME, e.check(), e.getMessage());
                assertTrue(e.getMessage().contains("not IP address 127.0.0.1"), e.getMessage());
            }
        }
        try (Loopback net = new Loopback()) {
            int port = net.serve(server(p, both));
            try (Loopback.Client c = net.connect(client(p), "127.0.0.1", port)) {
                assertTrue(c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS).hostNameMatches());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void wrongHostNameIsRejected(TlsProvider p) throws Exception {
        try (Loopback net = new Loopback()) {
            int port = net.serve(server(p, localhost));
            try (Loopback.Client c = net.connect(client(p), "www.example.com", port)) {
                TlsException e = failure(c.session);
                assertEquals(TlsException.Check.HOST_NAME, e.check(), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void untrustedIssuerIsRejected(TlsProvider p) throws Exception {
        try (Loopback net = new Loopback()) {
            int port = net.serve(server(p, localhost));
            TlsClientConfig system = TlsClientConfig.builder().provider(p).build();
            try (Loopback.Client c = net.connect(system, "localhost", port)) {
                TlsException e = failure(c.session);
                assertEquals(TlsException.Check.ISSUER, e.check(), e.getMessage());
            }
            TlsException serverSide = failure(net.serverSessions.take());
            assertFalse(serverSide.getMessage().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void expiredCertificateIsRejected(TlsProvider p) throws Exception {
        KeyAndCertificates expired = ca.issue(CertificateSpec.server("localhost").dns("localhost")
                .notBefore(Instant.now().minus(Duration.ofDays(10))).validity(Duration.ofDays(1)));
        try (Loopback net = new Loopback()) {
            int port = net.serve(server(p, expired));
            try (Loopback.Client c = net.connect(client(p), "localhost", port)) {
                TlsException e = failure(c.session);
                assertEquals(TlsException.Check.EXPIRED, e.check(), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void missingClientCertificateIsNamed(TlsProvider p) throws Exception {
        TlsServerConfig tls = TlsServerConfig.builder().provider(p).certificate(localhost).clientAuth(ClientAuth.REQUIRE)
                .trust(java.util.List.of(ca.certificate())).build();
        try (Loopback net = new Loopback()) {
            int port = net.serve(tls);
            try (Loopback.Client c = net.connect(client(p), "localhost", port)) {
                // TLS 1.3: the client's handshake may finish before the server refuses; the failure follows
                TlsException e = c.session.failure().get(Loopback.WAIT, TimeUnit.SECONDS);
                assertEquals(TlsException.Check.CLIENT_CERTIFICATE, e.check(), e.getMessage());
            }
            TlsException s = failure(net.serverSessions.take());
            assertEquals(TlsException.Check.CLIENT_CERTIFICATE, s.check(), s.getMessage());
            KeyAndCertificates alice = ca.issue(CertificateSpec.client("alice"));
            TlsClientConfig mutual = TlsClientConfig.builder().provider(p).trust(java.util.List.of(ca.certificate()))
                    .clientCertificate(alice).build();
            try (Loopback.Client c = net.connect(mutual, "localhost", port)) {
                c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS);
                ConnectionReport r = net.serverSessions.take().handshake().get(Loopback.WAIT, TimeUnit.SECONDS);
                assertEquals("alice", r.peer().orElseThrow().subject());
                assertEquals("ok", c.echo("ok"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void sniChoosesTheCertificate(TlsProvider p) throws Exception {
        KeyAndCertificates a = ca.issue(CertificateSpec.server("a.test").dns("a.test"));
        KeyAndCertificates b = ca.issue(CertificateSpec.server("b.test").dns("b.test").keyType(KeyType.RSA));
        TlsServerConfig tls = TlsServerConfig.builder().provider(p).certificate(localhost).certificate("a.test", a)
                .certificate("b.test", b).build();
        try (Loopback net = new Loopback()) {
            int port = net.serve(tls);
            for (String name : new String[] {"a.test", "b.test", "localhost"}) {
                try (Loopback.Client c = net.connect(client(p), name, port)) {
                    ConnectionReport r = c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS);
                    assertEquals(name, r.peer().orElseThrow().subject());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void alpnIsAgreed(TlsProvider p) throws Exception {
        TlsServerConfig tls = TlsServerConfig.builder().provider(p).certificate(localhost).alpn("h2", "http/1.1").build();
        try (Loopback net = new Loopback()) {
            int port = net.serve(tls);
            TlsClientConfig alpn = client(p).toBuilder().alpn("http/1.1").build();
            try (Loopback.Client c = net.connect(alpn, "localhost", port)) {
                assertEquals("http/1.1", c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS)
                        .applicationProtocol());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void handshakeTimeOutIsNamed(TlsProvider p) throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1")); Loopback net = new Loopback()) {
            TlsClientConfig quick = client(p).toBuilder().handshakeTimeout(Duration.ofMillis(300)).build();
            try (Loopback.Client c = net.connect(quick, "localhost", silent.getLocalPort())) {
                TlsException e = failure(c.session);
                assertEquals(TlsException.Check.HANDSHAKE_TIMEOUT, e.check(), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void sessionsAreResumed(TlsProvider p) throws Exception {
        try (Loopback net = new Loopback()) {
            int port = net.serve(server(p, localhost));
            TlsClientConfig tls = client(p);
            try (Loopback.Client c = net.connect(tls, "localhost", port)) {
                assertFalse(c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS).resumed());
                assertEquals("x", c.echo("x"));
            }
            Thread.sleep(20);
            try (Loopback.Client c = net.connect(tls, "localhost", port)) {
                assertTrue(c.session.handshake().get(Loopback.WAIT, TimeUnit.SECONDS).resumed());
            }
        }
    }
}

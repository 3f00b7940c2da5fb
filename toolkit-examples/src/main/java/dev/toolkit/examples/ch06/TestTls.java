package dev.toolkit.examples.ch06;

import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.tls.CertificateInfo;
import dev.toolkit.tls.ClientAuth;
import dev.toolkit.tls.ConnectionReport;
import dev.toolkit.tls.Pem;
import dev.toolkit.tls.TlsClientConfig;
import dev.toolkit.tls.TlsServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chapter 6's {@code test_tls.py}: makes one TLS connection (or, with {@code -s}, accepts one) and prints what
 * was negotiated as a dotted report, labels left-justified to 36 with dots: the peer's names (subject CN,
 * then DNS SANs), whether they match the host name (the handshake itself does not check the name, so a
 * mismatch is reported rather than refused), the certificates loaded, protocol version, cipher, secret bits
 * and compression. {@code -v} adds the toolkit's full report: the peer chain with SANs, issuers and validity,
 * ALPN and resumption.
 *
 * <p>Differences from the original, all on the safe side: the protocols are the toolkit's (TLS 1.2 and 1.3;
 * {@code PROTOCOL_TLSv1} and {@code PROTOCOL_TLSv1_1} are not among the valid names); {@code -C} takes
 * cipher suites by IANA name, separated by colons ({@code ALL} and {@code DEFAULT} mean the toolkit's
 * defaults); cipher names are printed by their IANA names.
 */
@Command(name = "test_tls", description = "Protect a socket with TLS")
public final class TestTls extends ListingCommand {

    /** The protocol names {@code -p} accepts (after {@code PROTOCOL_}), and the versions each allows. */
    static final Map<String, String[]> PROTOCOLS = new LinkedHashMap<>();

    static {
        PROTOCOLS.put("PROTOCOL_SSLv23", new String[] {"TLSv1.3", "TLSv1.2"});
        PROTOCOLS.put("PROTOCOL_TLS", new String[] {"TLSv1.3", "TLSv1.2"});
        PROTOCOLS.put("PROTOCOL_TLS_CLIENT", new String[] {"TLSv1.3", "TLSv1.2"});
        PROTOCOLS.put("PROTOCOL_TLS_SERVER", new String[] {"TLSv1.3", "TLSv1.2"});
        PROTOCOLS.put("PROTOCOL_TLSv1_2", new String[] {"TLSv1.2"});
        PROTOCOLS.put("PROTOCOL_TLSv1_3", new String[] {"TLSv1.3"});
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private Endpoint endpoint;

    @Option(names = "-c", paramLabel = "certfile", description = "path to PEM file with client certificate")
    private String clientCert;

    @Option(names = "-C", paramLabel = "ciphers", defaultValue = "ALL",
            description = "list of ciphers, formatted per OpenSSL")
    private String ciphers;

    @Option(names = "-p", paramLabel = "PROTOCOL", defaultValue = "SSLv23",
            description = "protocol version (default: \"SSLv23\")")
    private String protocol;

    @Option(names = "-s", paramLabel = "certfile", description = "run as server: path to certificate PEM file")
    private String serverCert;

    @Option(names = "-d", description = "debug mode: do not hide \"ctypes\" exceptions")
    private boolean debug;

    @Option(names = "-v", description = "verbose: print out remote certificate")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        String name = protocol.startsWith("PROTOCOL_") ? protocol : "PROTOCOL_" + protocol;
        String[] versions = PROTOCOLS.get(name);
        if (versions == null) {
            err().println(fill("Error: " + TlsPrograms.repr(name) + " is not one of the available names:\n "
                    + String.join(" ", PROTOCOLS.keySet())));
            return 2;
        }
        if (serverCert != null && clientCert != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "you cannot specify both -c and -s");
        }
        List<String> suites = ciphers.equals("ALL") || ciphers.equals("DEFAULT") ? null
                : Arrays.asList(ciphers.split(":"));
        List<X509Certificate> cas = endpoint.cafile == null ? null : Pem.readCertificates(Path.of(endpoint.cafile));
        out().println();
        if (serverCert != null) {
            TlsServerConfig.Builder tls = TlsServerConfig.builder().certificate(TlsPrograms.certfile(serverCert))
                    .clientAuth(ClientAuth.OPTIONAL).protocols(versions);
            if (cas != null) {
                tls.trust(cas);
            }
            if (suites != null) {
                tls.ciphers(suites);
            }
            ConnectionReport[] report = new ConnectionReport[1];
            TlsPrograms.serveOnce(endpoint.host, endpoint.port, tls.build(), (ch, r) -> {
                report[0] = r;
                ch.close();
            }, bound -> say("Interface where we are listening", "('" + endpoint.host + "', " + bound.getPort() + ")"),
                    peer -> say("Client has connected from address",
                            "('" + peer.getAddress().getHostAddress() + "', " + peer.getPort() + ")"));
            describe(report[0], cas, true);
        } else {
            TlsClientConfig.Builder tls = TlsClientConfig.builder().verifyHostName(false).protocols(versions);
            if (cas != null) {
                tls.trust(cas);
            }
            if (suites != null) {
                tls.ciphers(suites);
            }
            if (clientCert != null) {
                tls.clientCertificate(TlsPrograms.certfile(clientCert));
            }
            say("Address we want to talk to", "('" + endpoint.host + "', " + endpoint.port + ")");
            try (TlsPrograms.Connection c = TlsPrograms.connect(tls.build(), endpoint.host, endpoint.port)) {
                describe(c.handshake(), cas, false);
            }
        }
        out().println();
        return 0;
    }

    private void describe(ConnectionReport r, List<X509Certificate> cas, boolean server) {
        if (r.peer().isEmpty()) {
            say("Peer certificate", "none");
        } else {
            say("Peer certificate", "provided");
            CertificateInfo peer = r.peer().get();
            List<String> names = new ArrayList<>();
            names.add(peer.subject());
            names.addAll(peer.dnsNames());
            say("Name(s) on peer certificate", String.join(" ", names));
            if (!server) {
                say("Whether name(s) match the hostname", r.hostNameMismatch().orElse("Yes"));
            }
            List<X509Certificate> loaded = cas != null ? cas : systemAnchors();
            long authorities = loaded.stream().filter(c -> c.getBasicConstraints() >= 0).count();
            say("Certificates loaded of type crl", "0");
            say("Certificates loaded of type x509", String.valueOf(loaded.size()));
            say("Certificates loaded of type x509_ca", String.valueOf(authorities));
        }
        say("Protocol version negotiated", r.protocol());
        say("Cipher chosen for this connection", r.cipherSuite());
        say("Cipher defined in TLS version", r.cipherSuite().startsWith("TLS_AES_")
                || r.cipherSuite().startsWith("TLS_CHACHA20_") ? "TLSv1.3" : "TLSv1.2");
        say("Cipher key has this many bits", String.valueOf(r.secretBits()));
        say("Compression algorithm in use", "none");
        if (verbose) {
            out().println();
            r.lines().forEach(out()::println);
        }
    }

    private static List<X509Certificate> systemAnchors() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (javax.net.ssl.TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return List.of(x.getAcceptedIssuers());
                }
            }
        } catch (java.security.GeneralSecurityException e) {
            return List.of();
        }
        return List.of();
    }

    private void say(String title, String words) {
        out().println(fill(ConnectionReport.line(title, words)));
    }

    /** Python's {@code textwrap.fill(text, subsequent_indent='    ')}, not breaking long words. */
    static String fill(String text) {
        String[] words = text.replace('\n', ' ').split(" ", -1);
        StringBuilder all = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (line.length() > 0 && line.length() + 1 + w.length() > 70) {
                all.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append("    ");
                if (w.isEmpty()) {
                    continue;
                }
            } else if (line.length() > 0 || all.length() > 0) {
                line.append(' ');
            }
            line.append(w);
        }
        all.append(line);
        return all.toString();
    }
}

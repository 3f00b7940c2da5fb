package dev.toolkit.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a finished handshake established, like the book's {@code test_tls}: protocol version, cipher suite and
 * its secret bits, the peer's certificate chain, whether the host name matches, the ALPN protocol, and
 * whether the session was resumed.
 *
 * @param provider the provider that ran the handshake
 * @param protocol the protocol version, e.g. {@code TLSv1.3}
 * @param cipherSuite the cipher suite, by its IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param secretBits the cipher's key size in bits
 * @param peerChain the peer's certificates, leaf first (empty when the peer sent none)
 * @param hostName the host name the client asked for, or {@code null} on a server
 * @param hostNameMismatch why the peer's certificate does not match {@code hostName}; empty when it matches
 *     (or on a server)
 * @param applicationProtocol the ALPN protocol agreed, or {@code null}
 * @param resumed whether an earlier session was resumed (so no certificates were exchanged)
 * @param serverName on a server, the SNI name the client sent, or {@code null}
 */
public record ConnectionReport(TlsProvider provider, String protocol, String cipherSuite, int secretBits,
                               List<CertificateInfo> peerChain, String hostName, Optional<String> hostNameMismatch,
                               String applicationProtocol, boolean resumed, String serverName) {

    /** Copies the chain. */
    public ConnectionReport {
        peerChain = List.copyOf(peerChain);
    }

    /** Whether the peer's certificate names the host asked for (always true on a server). */
    public boolean hostNameMatches() {
        return hostNameMismatch.isEmpty();
    }

    /** The peer's leaf certificate, if it sent one. */
    public Optional<CertificateInfo> peer() {
        return peerChain.isEmpty() ? Optional.empty() : Optional.of(peerChain.get(0));
    }

    /**
     * The key size of a cipher suite from its IANA name: 256 for AES-256 and ChaCha20, 128 for AES-128, 0 when
     * unknown.
     */
    public static int secretBits(String cipherSuite) {
        String s = cipherSuite == null ? "" : cipherSuite;
        if (s.contains("AES_256") || s.contains("CHACHA20") || s.contains("AES256")) {
            return 256;
        }
        if (s.contains("AES_128") || s.contains("AES128")) {
            return 128;
        }
        return 0;
    }

    /** The report as dotted lines (labels left-justified to 36 with dots), as {@code test_tls} prints them. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(line("Provider", provider.name()));
        lines.add(line("Protocol version negotiated", protocol));
        lines.add(line("Cipher chosen for this connection", cipherSuite));
        lines.add(line("Cipher key has this many bits", String.valueOf(secretBits)));
        lines.add(line("Application protocol (ALPN)", applicationProtocol == null ? "none" : applicationProtocol));
        lines.add(line("Session resumed", resumed ? "yes" : "no"));
        if (serverName != null) {
            lines.add(line("Server name requested (SNI)", serverName));
        }
        for (int i = 0; i < peerChain.size(); i++) {
            CertificateInfo c = peerChain.get(i);
            String prefix = i == 0 ? "Peer certificate" : "Issuer certificate " + i;
            lines.add(line(prefix + " subject CN", c.subject()));
            if (!c.dnsNames().isEmpty() || !c.ipAddresses().isEmpty()) {
                List<String> names = new ArrayList<>();
                c.dnsNames().forEach(n -> names.add("DNS:" + n));
                c.ipAddresses().forEach(n -> names.add("IP:" + n));
                lines.add(line(prefix + " SANs", String.join(" ", names)));
            }
            lines.add(line(prefix + " issuer CN", c.issuer()));
            lines.add(line(prefix + " valid", c.notBefore() + " to " + c.notAfter()));
        }
        if (hostName != null) {
            lines.add(line("Whether name(s) match the hostname", hostNameMismatch.orElse("Yes")));
        }
        return lines;
    }

    /** One dotted line: {@code title} left-justified to 36 with dots, a space, the value. */
    public static String line(String title, String value) {
        StringBuilder b = new StringBuilder(title);
        while (b.length() < 36) {
            b.append('.');
        }
        return b.append(' ').append(value).toString();
    }
}

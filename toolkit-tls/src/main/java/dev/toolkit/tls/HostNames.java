package dev.toolkit.tls;

import io.netty.util.NetUtil;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Host-name verification as RFC 6125 and the CA/Browser Forum rules have it, the same for both providers:
 * <ul>
 *   <li>a DNS name is compared, case-insensitively, with the certificate's DNS subject-alternative names; a
 *       wildcard matches exactly one whole left-most label ({@code *.example.com} matches {@code a.example.com},
 *       not {@code example.com} nor {@code a.b.example.com});</li>
 *   <li>an IP literal (IPv4 or IPv6) is compared only with IP-address subject-alternative names, byte for byte,
 *       never with DNS names or the common name: a certificate for {@code DNS:localhost} does not match
 *       {@code 127.0.0.1};</li>
 *   <li>a certificate without subject-alternative names matches nothing: the subject common name is not used,
 *       as in current browsers, Go and Python 3.7+ with OpenSSL 1.1.1 (RFC 6125 section 6.4.4 deprecates it).</li>
 * </ul>
 */
public final class HostNames {

    private static final int DNS = 2;
    private static final int IP = 7;

    private HostNames() {
    }

    /**
     * Checks {@code host} against the certificate.
     *
     * @return empty when the certificate names {@code host}, otherwise why not (e.g. {@code certificate names
     *     DNS:localhost, not IP address 127.0.0.1})
     */
    public static Optional<String> mismatch(X509Certificate certificate, String host) {
        List<String> dns = dnsNames(certificate);
        List<String> ips = ipAddresses(certificate);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)) {
            byte[] wanted = NetUtil.createByteArrayFromIpAddressString(bare);
            for (String ip : ips) {
                byte[] have = NetUtil.createByteArrayFromIpAddressString(ip);
                if (have != null && java.util.Arrays.equals(have, wanted)) {
                    return Optional.empty();
                }
            }
            return Optional.of("certificate names " + describe(dns, ips) + ", not IP address " + bare);
        }
        String name = normalize(bare);
        for (String pattern : dns) {
            if (matches(normalize(pattern), name)) {
                return Optional.empty();
            }
        }
        if (dns.isEmpty() && ips.isEmpty()) {
            return Optional.of("certificate has no subject alternative names (its common name is not used), "
                    + "so it cannot match " + bare);
        }
        return Optional.of("certificate names " + describe(dns, ips) + ", not " + bare);
    }

    /** The certificate's DNS subject-alternative names, in order. */
    public static List<String> dnsNames(X509Certificate certificate) {
        return altNames(certificate, DNS);
    }

    /** The certificate's IP-address subject-alternative names, in order. */
    public static List<String> ipAddresses(X509Certificate certificate) {
        return altNames(certificate, IP);
    }

    private static List<String> altNames(X509Certificate certificate, int type) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> entry : all) {
                    if (entry.size() >= 2 && Integer.valueOf(type).equals(entry.get(0))
                            && entry.get(1) instanceof String s) {
                        names.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        return names;
    }

    private static String describe(List<String> dns, List<String> ips) {
        List<String> all = new ArrayList<>();
        dns.forEach(d -> all.add("DNS:" + d));
        ips.forEach(i -> all.add("IP:" + i));
        return String.join(", ", all);
    }

    private static String normalize(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a valid IDN: compare it as given
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static boolean matches(String pattern, String name) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(name);
        }
        String suffix = pattern.substring(1);
        int dot = name.indexOf('.');
        // the wildcard covers exactly one label, and never a bare public suffix such as "*.com"
        return dot > 0 && name.substring(dot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }
}

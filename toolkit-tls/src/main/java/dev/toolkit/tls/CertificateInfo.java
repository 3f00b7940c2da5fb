package dev.toolkit.tls;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The facts of one certificate a connection report shows.
 *
 * @param subject the subject's common name (or the whole subject when it has none)
 * @param dnsNames the DNS subject-alternative names
 * @param ipAddresses the IP-address subject-alternative names
 * @param issuer the issuer's common name (or the whole issuer)
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param serial the serial number
 */
public record CertificateInfo(String subject, List<String> dnsNames, List<String> ipAddresses, String issuer,
                              Instant notBefore, Instant notAfter, BigInteger serial) {

    /** Copies the lists. */
    public CertificateInfo {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** The facts of {@code certificate}. */
    public static CertificateInfo of(X509Certificate certificate) {
        return new CertificateInfo(commonName(certificate.getSubjectX500Principal().getName()),
                HostNames.dnsNames(certificate), HostNames.ipAddresses(certificate),
                commonName(certificate.getIssuerX500Principal().getName()),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                certificate.getSerialNumber());
    }

    /** The CN of an RFC 2253 name, or the whole name when it has no CN. */
    static String commonName(String rfc2253) {
        try {
            for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return rfc2253;
        }
        return rfc2253;
    }
}

package dev.toolkit.examples.ch04;

import dev.toolkit.core.dns.DnsAnswer;
import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.record.AaaaRecord;
import dev.toolkit.core.dns.record.ARecord;
import dev.toolkit.core.dns.record.CnameRecord;
import dev.toolkit.core.dns.record.MxRecord;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.examples.support.ListingCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chapter 4's {@code dns_mx.py}: finds the mail servers of a domain. Prints {@code This domain has N MX records}
 * and, by preference, {@code Priority P} and the addresses of each server; a domain without MX records is
 * resolved itself (the RFC 5321 fallback); each host resolves to its A records, else AAAA, else follows its
 * CNAME, each level indented four more spaces; a domain that does not exist prints {@code Error: No such
 * domain DOMAIN}.
 *
 * <p>Unlike the original, a name without A records falls through to AAAA and CNAME instead of failing, a CNAME's
 * target is printed and followed (with a limit, against loops), and a null MX record ({@code 0 .}, RFC 7505)
 * says the domain takes no mail instead of resolving the root.
 */
@Command(name = "dns_mx", description = "Find mailserver IP address")
public final class DnsMx extends ListingCommand {

    private static final int MAX_DEPTH = 8;

    @Parameters(paramLabel = "domain", description = "domain that you want to send mail to")
    private String domain;

    @Mixin
    private DnsServerOption dns;

    @Override
    public Integer call() {
        try (DnsClient client = DnsClient.create(dns.config())) {
            DnsAnswer answer;
            try {
                answer = client.query(domain, RecordType.MX);
            } catch (NameResolutionException e) {
                if (e.reason() != NameResolutionException.Reason.NXDOMAIN) {
                    throw e;
                }
                out().println("Error: No such domain " + domain);
                return 0;
            }
            if (!answer.isEmpty()) {
                List<MxRecord> records = new ArrayList<>(answer.records(MxRecord.class));
                records.sort(Comparator.comparingInt(MxRecord::preference));
                out().println("This domain has " + records.size() + " MX records");
                if (records.stream().anyMatch(MxRecord::isNullMx)) {
                    out().println("This domain has a null MX record: it accepts no mail");
                    return 0;
                }
                for (MxRecord record : records) {
                    out().println("Priority " + record.preference());
                    resolveHostname(client, record.exchange(), "", new HashSet<>());
                }
            } else {
                out().println("This domain has no explicit MX records");
                out().println("Attempting to resolve it as an A, AAAA, or CNAME");
                resolveHostname(client, domain, "", new HashSet<>());
            }
        }
        return 0;
    }

    /** Prints the A or AAAA records of {@code hostname}, following its CNAME if it has neither. */
    private void resolveHostname(DnsClient client, String hostname, String indent, Set<String> seen) {
        String in = indent + "    ";
        if (!seen.add(hostname.toLowerCase(java.util.Locale.ROOT)) || seen.size() > MAX_DEPTH) {
            say(in, "ERROR: CNAME loop or chain too long at", hostname);
            return;
        }
        List<ARecord> a = records(client, hostname, RecordType.A, ARecord.class);
        if (!a.isEmpty()) {
            a.forEach(r -> say(in, hostname, "has A address", r.toText()));
            return;
        }
        List<AaaaRecord> aaaa = records(client, hostname, RecordType.AAAA, AaaaRecord.class);
        if (!aaaa.isEmpty()) {
            aaaa.forEach(r -> say(in, hostname, "has AAAA address", r.toText()));
            return;
        }
        List<CnameRecord> cname = records(client, hostname, RecordType.CNAME, CnameRecord.class);
        if (!cname.isEmpty()) {
            String target = cname.get(0).target();
            say(in, hostname, "is a CNAME alias for", target);
            resolveHostname(client, target, in, seen);
            return;
        }
        say(in, "ERROR: no A, AAAA, or CNAME records for", hostname);
    }

    private static <T extends dev.toolkit.core.dns.record.ResourceRecord> List<T> records(DnsClient client,
            String name, RecordType type, Class<T> kind) {
        try {
            return client.query(name, type).records(kind);
        } catch (NameResolutionException e) {
            if (e.reason() == NameResolutionException.Reason.NXDOMAIN) {
                return List.of();
            }
            throw e;
        }
    }

    /** Python's {@code print(a, b, ...)}: the values joined by single spaces. */
    private void say(String... parts) {
        out().println(String.join(" ", parts));
    }
}

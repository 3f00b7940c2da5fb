package dev.toolkit.examples.ch04;

import dev.toolkit.core.dns.DnsAnswer;
import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.record.DomainNames;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.dns.record.ResourceRecord;
import dev.toolkit.examples.support.ListingCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * Chapter 4's {@code dns_basic.py}: queries A, AAAA, CNAME, MX and NS records of a name and prints each record
 * set as dnspython prints one ({@code name. TTL IN TYPE data}, one line per record, the set's owner being the
 * end of any CNAME chain); a type with no records prints nothing. A name that does not exist is an error
 * (exit 1).
 */
@Command(name = "dns_basic", description = "Resolve a name using DNS")
public final class DnsBasic extends ListingCommand {

    /** The types queried, in the book's order. */
    static final List<RecordType> TYPES = List.of(RecordType.A, RecordType.AAAA, RecordType.CNAME, RecordType.MX,
            RecordType.NS);

    @Parameters(paramLabel = "name", description = "name that you want to look up in DNS")
    private String name;

    @Mixin
    private DnsServerOption dns;

    @Override
    public Integer call() {
        try (DnsClient client = DnsClient.create(dns.config())) {
            for (RecordType type : TYPES) {
                DnsAnswer answer = client.query(name, type);
                if (!answer.isEmpty()) {
                    out().println(rrset(answer));
                }
            }
        }
        return 0;
    }

    /** An answer's records as dnspython's {@code print(answer.rrset)}: the set's smallest TTL on every line. */
    static String rrset(DnsAnswer answer) {
        StringBuilder sb = new StringBuilder();
        long ttl = answer.ttl();
        for (ResourceRecord r : answer.records()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(DomainNames.absolute(r.name())).append(' ').append(ttl).append(" IN ").append(r.type())
                    .append(' ').append(r.toText());
        }
        return sb.toString();
    }
}

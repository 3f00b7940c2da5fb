package dev.toolkit.core.dns.record;

import java.util.Objects;

/**
 * An SOA record: the start of the zone {@code name}.
 *
 * @param name the zone's name
 * @param ttl time to live in seconds
 * @param mname the primary name server
 * @param rname the responsible person's mailbox, as a domain name ({@code hostmaster.example.com})
 * @param serial the zone's serial number (unsigned 32 bits)
 * @param refresh seconds between secondary refreshes
 * @param retry seconds before a failed refresh is retried
 * @param expire seconds after which a secondary stops answering
 * @param minimum the negative-caching time to live (RFC 2308)
 */
public record SoaRecord(String name, long ttl, String mname, String rname, long serial, long refresh, long retry,
                        long expire, long minimum) implements ResourceRecord {

    /** Checks the fields. */
    public SoaRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mname, "mname");
        Objects.requireNonNull(rname, "rname");
    }

    @Override
    public RecordType type() {
        return RecordType.SOA;
    }

    @Override
    public String toText() {
        return DomainNames.absolute(mname) + " " + DomainNames.absolute(rname) + " " + serial + " " + refresh + " "
                + retry + " " + expire + " " + minimum;
    }

    @Override
    public SoaRecord withTtl(long ttl) {
        return new SoaRecord(name, ttl, mname, rname, serial, refresh, retry, expire, minimum);
    }
}

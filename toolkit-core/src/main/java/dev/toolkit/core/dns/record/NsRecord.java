package dev.toolkit.core.dns.record;

import java.util.Objects;

/**
 * An NS record: {@code nameServer} is authoritative for the zone {@code name}.
 *
 * @param name the owner name
 * @param ttl time to live in seconds
 * @param nameServer the domain name it points to (absolute, without the final dot)
 */
public record NsRecord(String name, long ttl, String nameServer) implements ResourceRecord {

    /** Checks the fields. */
    public NsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameServer, "nameServer");
    }

    @Override
    public RecordType type() {
        return RecordType.NS;
    }

    @Override
    public String toText() {
        return DomainNames.absolute(nameServer);
    }

    @Override
    public NsRecord withTtl(long ttl) {
        return new NsRecord(name, ttl, nameServer);
    }
}

package dev.toolkit.core.dns.record;

import java.util.Objects;

/**
 * A CNAME record: {@code name} is an alias of {@code target}.
 *
 * @param name the owner name
 * @param ttl time to live in seconds
 * @param target the domain name it points to (absolute, without the final dot)
 */
public record CnameRecord(String name, long ttl, String target) implements ResourceRecord {

    /** Checks the fields. */
    public CnameRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public RecordType type() {
        return RecordType.CNAME;
    }

    @Override
    public String toText() {
        return DomainNames.absolute(target);
    }

    @Override
    public CnameRecord withTtl(long ttl) {
        return new CnameRecord(name, ttl, target);
    }
}

package dev.toolkit.core.dns.record;

import java.util.Objects;

/**
 * A PTR record: {@code name} (e.g. {@code 10.2.0.192.in-addr.arpa}) points to {@code target}.
 *
 * @param name the owner name
 * @param ttl time to live in seconds
 * @param target the domain name it points to (absolute, without the final dot)
 */
public record PtrRecord(String name, long ttl, String target) implements ResourceRecord {

    /** Checks the fields. */
    public PtrRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public RecordType type() {
        return RecordType.PTR;
    }

    @Override
    public String toText() {
        return DomainNames.absolute(target);
    }

    @Override
    public PtrRecord withTtl(long ttl) {
        return new PtrRecord(name, ttl, target);
    }
}

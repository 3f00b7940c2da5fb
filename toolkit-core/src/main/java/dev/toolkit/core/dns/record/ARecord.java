package dev.toolkit.core.dns.record;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * An A record: an IPv4 address of {@code name}.
 *
 * @param name the owner name
 * @param ttl time to live in seconds
 * @param address the address
 */
public record ARecord(String name, long ttl, Inet4Address address) implements ResourceRecord {

    /** Checks the fields. */
    public ARecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public RecordType type() {
        return RecordType.A;
    }

    @Override
    public String toText() {
        return address.getHostAddress();
    }

    @Override
    public ARecord withTtl(long ttl) {
        return new ARecord(name, ttl, address);
    }
}

package dev.toolkit.core.dns.record;

import dev.toolkit.core.inet.InetText;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * An AAAA record: an IPv6 address of {@code name}.
 *
 * @param name the owner name
 * @param ttl time to live in seconds
 * @param address the address (an IPv4-mapped address stays an {@link Inet6Address})
 */
public record AaaaRecord(String name, long ttl, Inet6Address address) implements ResourceRecord {

    /** Checks the fields. */
    public AaaaRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public RecordType type() {
        return RecordType.AAAA;
    }

    /** The address in RFC 5952 form ({@code 2001:db8::1}). */
    @Override
    public String toText() {
        return InetText.format(address);
    }

    @Override
    public AaaaRecord withTtl(long ttl) {
        return new AaaaRecord(name, ttl, address);
    }
}

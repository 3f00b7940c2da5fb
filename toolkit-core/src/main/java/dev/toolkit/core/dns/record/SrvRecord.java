package dev.toolkit.core.dns.record;

import java.util.Objects;

/**
 * An SRV record (RFC 2782): the service {@code name} (e.g. {@code _sip._tcp.example.com}) is offered on
 * {@code target:port}.
 *
 * @param name the owner name
 * @param ttl time to live in seconds
 * @param priority lower is tried first
 * @param weight relative weight among targets of equal priority
 * @param port the service's port
 * @param target the host offering the service; empty (the root) means the service is not offered
 */
public record SrvRecord(String name, long ttl, int priority, int weight, int port, String target)
        implements ResourceRecord {

    /** Checks the fields. */
    public SrvRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public RecordType type() {
        return RecordType.SRV;
    }

    @Override
    public String toText() {
        return priority + " " + weight + " " + port + " " + DomainNames.absolute(target);
    }

    @Override
    public SrvRecord withTtl(long ttl) {
        return new SrvRecord(name, ttl, priority, weight, port, target);
    }
}

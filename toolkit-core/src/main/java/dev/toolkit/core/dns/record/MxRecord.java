package dev.toolkit.core.dns.record;

import java.util.Objects;

/**
 * An MX record: mail for {@code name} goes to {@code exchange}, lower preference first.
 *
 * @param name the owner name (the mail domain)
 * @param ttl time to live in seconds
 * @param preference lower is tried first (0-65535)
 * @param exchange the mail server's name; empty (the root) for a null MX, which means "no mail" (RFC 7505)
 */
public record MxRecord(String name, long ttl, int preference, String exchange) implements ResourceRecord {

    /** Checks the fields. */
    public MxRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exchange, "exchange");
        if (preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("MX preference out of range: " + preference);
        }
    }

    /** Whether this is a null MX ({@code 0 .}): the domain accepts no mail. */
    public boolean isNullMx() {
        return exchange.isEmpty();
    }

    @Override
    public RecordType type() {
        return RecordType.MX;
    }

    @Override
    public String toText() {
        return preference + " " + DomainNames.absolute(exchange);
    }

    @Override
    public MxRecord withTtl(long ttl) {
        return new MxRecord(name, ttl, preference, exchange);
    }
}

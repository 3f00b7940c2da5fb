package dev.toolkit.core.dns.record;

import io.netty.handler.codec.dns.DnsRecordType;

import java.util.Locale;

/** The DNS record types the toolkit's client decodes into typed records. */
public enum RecordType {
    /** An IPv4 address. */
    A(1),
    /** An authoritative name server. */
    NS(2),
    /** The canonical name of an alias. */
    CNAME(5),
    /** The start of a zone of authority. */
    SOA(6),
    /** A domain name pointer (reverse lookups). */
    PTR(12),
    /** A mail exchanger. */
    MX(15),
    /** Text strings. */
    TXT(16),
    /** An IPv6 address. */
    AAAA(28),
    /** The location of a service (RFC 2782). */
    SRV(33);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    /** The numeric type code on the wire. */
    public int code() {
        return code;
    }

    /** Netty's constant for this type. */
    public DnsRecordType netty() {
        return DnsRecordType.valueOf(code);
    }

    /** The type with numeric code {@code code}, or {@code null} if the toolkit does not decode it. */
    public static RecordType ofCode(int code) {
        for (RecordType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /**
     * The type named {@code name}, case-insensitively ("mx", "AAAA").
     *
     * @throws IllegalArgumentException naming the supported types if {@code name} is not one
     */
    public static RecordType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported record type '" + name + "'; supported: "
                    + java.util.Arrays.toString(values()), e);
        }
    }
}

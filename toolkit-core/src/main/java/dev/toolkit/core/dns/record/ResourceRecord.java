package dev.toolkit.core.dns.record;

/**
 * One decoded DNS resource record: its owner name, time to live and typed data.
 *
 * <p>Domain names in records are absolute names in presentation form without the final dot
 * ({@code mail.example.com}); the root is the empty string. {@link #toText()} renders the data the way
 * zone files and dnspython's {@code to_text()} do, with final dots ({@code 10 mail.example.com.}).
 */
public sealed interface ResourceRecord
        permits ARecord, AaaaRecord, CnameRecord, MxRecord, NsRecord, PtrRecord, SoaRecord, SrvRecord, TxtRecord {

    /** The owner name of the record. */
    String name();

    /** Time to live in seconds, as received (or what remains of it, for a cached answer). */
    long ttl();

    /** The record's type. */
    RecordType type();

    /** The record data in zone-file presentation form, e.g. {@code 10 mx1.example.com.}. */
    String toText();

    /** A copy of this record with another time to live. */
    ResourceRecord withTtl(long ttl);

    /** The whole record as one zone-file line: {@code name. ttl IN TYPE data}. */
    default String toZoneLine() {
        return DomainNames.absolute(name()) + " " + ttl() + " IN " + type() + " " + toText();
    }
}

package dev.toolkit.core.dns;

import dev.toolkit.core.dns.record.RecordDecoder;
import dev.toolkit.core.dns.record.ResourceRecord;
import dev.toolkit.core.dns.record.SoaRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** One server's decoded answer to one question; holds no Netty buffers. */
final class Response {

    static final int NOERROR = 0;
    static final int FORMERR = 1;
    static final int SERVFAIL = 2;
    static final int NXDOMAIN = 3;
    static final int NOTIMP = 4;
    static final int REFUSED = 5;

    final int rcode;
    final List<ResourceRecord> answers;
    final List<ResourceRecord> authority;
    final InetSocketAddress server;
    final boolean truncated;
    final boolean fromCache;

    Response(int rcode, List<ResourceRecord> answers, List<ResourceRecord> authority, InetSocketAddress server,
             boolean truncated, boolean fromCache) {
        this.rcode = rcode;
        this.answers = List.copyOf(answers);
        this.authority = List.copyOf(authority);
        this.server = server;
        this.truncated = truncated;
        this.fromCache = fromCache;
    }

    /** Decodes {@code response}; does not release it. */
    static Response decode(DnsResponse response, InetSocketAddress server) {
        return new Response(response.code().intValue(), section(response, DnsSection.ANSWER),
                section(response, DnsSection.AUTHORITY), server, response.isTruncated(), false);
    }

    private static List<ResourceRecord> section(DnsResponse response, DnsSection section) {
        List<ResourceRecord> out = new ArrayList<>();
        int n = response.count(section);
        for (int i = 0; i < n; i++) {
            DnsRecord r = response.recordAt(section, i);
            ResourceRecord decoded = RecordDecoder.decode(r);
            if (decoded != null) {
                out.add(decoded);
            }
        }
        return out;
    }

    /**
     * How long this response may be cached, in seconds: the smallest TTL of the answers, or for a negative
     * answer the SOA's negative TTL (RFC 2308: the smaller of the SOA record's TTL and its minimum field);
     * 0 for "do not cache".
     */
    long cacheTtl() {
        if (truncated || rcode != NOERROR && rcode != NXDOMAIN) {
            return 0;
        }
        if (!answers.isEmpty()) {
            return answers.stream().mapToLong(ResourceRecord::ttl).min().orElse(0);
        }
        for (ResourceRecord r : authority) {
            if (r instanceof SoaRecord) {
                SoaRecord soa = (SoaRecord) r;
                return Math.min(soa.ttl(), soa.minimum());
            }
        }
        return 0;
    }

    /** A copy from the cache, with every TTL reduced by {@code elapsedSeconds}. */
    Response aged(long elapsedSeconds) {
        return new Response(rcode, age(answers, elapsedSeconds), age(authority, elapsedSeconds), server, truncated,
                true);
    }

    private static List<ResourceRecord> age(List<ResourceRecord> records, long elapsed) {
        List<ResourceRecord> out = new ArrayList<>(records.size());
        for (ResourceRecord r : records) {
            out.add(r.withTtl(Math.max(0, r.ttl() - elapsed)));
        }
        return out;
    }
}

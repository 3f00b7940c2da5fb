package dev.toolkit.core.dns;

import dev.toolkit.core.dns.record.CnameRecord;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.dns.record.ResourceRecord;
import dev.toolkit.core.error.NameResolutionException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one {@link DnsClient#query}: the records of the type asked for at the end of the CNAME chain,
 * the chain itself, and where the answer came from.
 *
 * <p>An empty answer means "no data": the name exists but has no record of that type. A name that does not
 * exist is not an answer: the query fails with a {@link NameResolutionException} of reason
 * {@link NameResolutionException.Reason#NXDOMAIN}.
 */
public final class DnsAnswer {

    private final String question;
    private final RecordType type;
    private final String name;
    private final List<CnameRecord> cnames;
    private final List<ResourceRecord> records;
    private final InetSocketAddress server;
    private final boolean fromCache;
    private final boolean truncated;
    private final List<String> namesTried;
    private final List<String> serversAsked;

    DnsAnswer(String question, RecordType type, String name, List<CnameRecord> cnames, List<ResourceRecord> records,
              InetSocketAddress server, boolean fromCache, boolean truncated, List<String> namesTried,
              List<String> serversAsked) {
        this.question = question;
        this.type = type;
        this.name = name;
        this.cnames = List.copyOf(cnames);
        this.records = List.copyOf(records);
        this.server = server;
        this.fromCache = fromCache;
        this.truncated = truncated;
        this.namesTried = List.copyOf(namesTried);
        this.serversAsked = List.copyOf(serversAsked);
    }

    /** The name as the caller gave it. */
    public String question() {
        return question;
    }

    /** The type asked for. */
    public RecordType type() {
        return type;
    }

    /** The fully qualified name that produced this answer (after search-domain expansion), without final dot. */
    public String name() {
        return name;
    }

    /** The CNAME records followed from {@link #name()} to {@link #canonicalName()}, in order. */
    public List<CnameRecord> cnames() {
        return cnames;
    }

    /** The end of the CNAME chain: the name the records belong to. */
    public String canonicalName() {
        return cnames.isEmpty() ? name : cnames.get(cnames.size() - 1).target();
    }

    /** The records of the type asked for (empty for "no data"). */
    public List<ResourceRecord> records() {
        return records;
    }

    /** The records of type {@code kind}, e.g. {@code records(MxRecord.class)}. */
    public <T extends ResourceRecord> List<T> records(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (ResourceRecord r : records) {
            if (kind.isInstance(r)) {
                out.add(kind.cast(r));
            }
        }
        return out;
    }

    /** Whether there are no records: the name exists but has no data of this type. */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** The smallest time to live of the records, or 0 when empty. */
    public long ttl() {
        return records.stream().mapToLong(ResourceRecord::ttl).min().orElse(0);
    }

    /** The server that gave the (last) answer; for a cached answer, the one that gave it first. */
    public InetSocketAddress server() {
        return server;
    }

    /** Whether the answer came from the cache (the last exchange of the lookup, at least). */
    public boolean fromCache() {
        return fromCache;
    }

    /** Whether the answer was truncated and could not be completed over TCP: records may be missing. */
    public boolean truncated() {
        return truncated;
    }

    /** Every name looked up to get this answer, in order. */
    public List<String> namesTried() {
        return namesTried;
    }

    /** Every server asked, as {@code host:port}. */
    public List<String> serversAsked() {
        return serversAsked;
    }

    /**
     * This answer if it has records.
     *
     * @throws NameResolutionException of reason {@code NO_DATA} if it is empty
     */
    public DnsAnswer requireRecords() {
        if (isEmpty()) {
            throw new NameResolutionException(question, namesTried, serversAsked,
                    NameResolutionException.Reason.NO_DATA, "no " + type + " records", null);
        }
        return this;
    }

    @Override
    public String toString() {
        return "DnsAnswer[" + name + " " + type + (cnames.isEmpty() ? "" : " via " + canonicalName()) + " -> "
                + records + (fromCache ? ", cached" : "") + (truncated ? ", truncated" : "") + "]";
    }

    static String serverText(InetSocketAddress server) {
        Objects.requireNonNull(server, "server");
        String host = dev.toolkit.core.inet.InetText.format(server.getAddress());
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + server.getPort() : host + ":" + server.getPort();
    }
}

package dev.toolkit.core.dns;

import dev.toolkit.core.error.Blocking;
import dev.toolkit.core.dns.record.MxRecord;
import dev.toolkit.core.dns.record.RecordType;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.error.NameResolutionException.Reason;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Where to deliver mail for a domain (RFC 5321 section 5.1): its MX hosts by preference, hosts of equal
 * preference shuffled to spread the load; with no MX records, the domain itself if it has an A or AAAA record
 * (the implicit MX); with a null MX ({@code 0 .}, RFC 7505), nowhere.
 *
 * <p>Mail domains are fully qualified: the search list is not applied. Failures are
 * {@link NameResolutionException}s: {@code NXDOMAIN} (no such domain), {@code NO_MAIL} (null MX),
 * {@code NO_DATA} (neither MX nor address records), or a DNS failure.
 */
public final class MxResolver {

    private final DnsClient dns;
    private final Random random;

    private MxResolver(DnsClient dns, Random random) {
        this.dns = dns;
        this.random = random;
    }

    /** A resolver that asks {@code dns} and shuffles ties with a new {@link Random}. */
    public static MxResolver create(DnsClient dns) {
        return create(dns, new Random());
    }

    /** A resolver that shuffles ties with {@code random} (seed it in tests). */
    public static MxResolver create(DnsClient dns, Random random) {
        return new MxResolver(Objects.requireNonNull(dns, "dns"), Objects.requireNonNull(random, "random"));
    }

    /** The mail exchangers of {@code domain}, in the order to try them. */
    public CompletableFuture<List<MailExchanger>> resolveAsync(String domain) {
        String absolute = domain == null || domain.endsWith(".") ? domain : domain + ".";
        return dns.queryAsync(absolute, RecordType.MX).thenCompose(answer -> {
            List<MxRecord> records = answer.records(MxRecord.class);
            if (records.stream().anyMatch(MxRecord::isNullMx)) {
                return CompletableFuture.failedFuture(new NameResolutionException(domain, answer.namesTried(),
                        answer.serversAsked(), Reason.NO_MAIL, null, null));
            }
            if (!records.isEmpty()) {
                return CompletableFuture.completedFuture(order(records));
            }
            return implicitMx(domain, answer);
        });
    }

    /**
     * {@link #resolveAsync} and wait.
     *
     * @throws NameResolutionException if the lookup fails
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     * @throws IllegalStateException if called on an event loop thread
     */
    public List<MailExchanger> resolve(String domain) {
        return Blocking.call("MX lookup of " + domain, null, () -> resolveAsync(domain));
    }

    private List<MailExchanger> order(List<MxRecord> records) {
        List<MxRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(MxRecord::preference));
        List<MailExchanger> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).preference() == sorted.get(i).preference()) {
                j++;
            }
            List<MxRecord> tie = new ArrayList<>(sorted.subList(i, j));
            Collections.shuffle(tie, random);
            for (MxRecord r : tie) {
                out.add(new MailExchanger(r.exchange(), r.preference(), false));
            }
            i = j;
        }
        return out;
    }

    private CompletableFuture<List<MailExchanger>> implicitMx(String domain, DnsAnswer mx) {
        String name = mx.canonicalName() + ".";
        CompletableFuture<DnsAnswer> a = dns.queryAsync(name, RecordType.A);
        CompletableFuture<DnsAnswer> aaaa = dns.queryAsync(name, RecordType.AAAA);
        return CompletableFuture.allOf(a, aaaa).handle((ignored, error) -> {
            DnsAnswer v4 = a.isCompletedExceptionally() ? null : a.join();
            DnsAnswer v6 = aaaa.isCompletedExceptionally() ? null : aaaa.join();
            if (v4 != null && !v4.isEmpty() || v6 != null && !v6.isEmpty()) {
                return List.of(new MailExchanger(mx.canonicalName(), 0, true));
            }
            LinkedHashSet<String> tried = new LinkedHashSet<>(mx.namesTried());
            LinkedHashSet<String> servers = new LinkedHashSet<>(mx.serversAsked());
            for (DnsAnswer d : new DnsAnswer[] {v4, v6}) {
                if (d != null) {
                    tried.addAll(d.namesTried());
                    servers.addAll(d.serversAsked());
                }
            }
            if (v4 == null && v6 == null) {
                throw new CompletionException(Exceptions.map(error));
            }
            throw new CompletionException(new NameResolutionException(domain, new ArrayList<>(tried),
                    new ArrayList<>(servers), Reason.NO_DATA, "no MX records and no A or AAAA records", null));
        });
    }
}

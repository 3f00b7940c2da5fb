package dev.toolkit.core.names;

import dev.toolkit.core.inet.InetLiterals;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Orders destination addresses by RFC 6724 section 6 (destination address selection), as {@code getaddrinfo}
 * does before returning them.
 *
 * <p>Applied rules, in order: 1 avoid unusable destinations (no source address: the host has no route), 2
 * prefer matching scope, 5 prefer matching label, 6 prefer higher precedence, 8 prefer smaller scope, 9 prefer
 * the longest prefix shared with the source (IPv6 only, at most 64 bits, as the C library does), 10 otherwise
 * keep the order. Rules 3, 4 and 7 need address flags the JDK does not expose (deprecated and home addresses,
 * native transport) and are skipped. Precedence and labels come from RFC 6724's default policy table;
 * the GNU C library's built-in table differs for a few prefixes (it keeps RFC 3484's precedences, so for
 * instance it prefers unique-local IPv6 over IPv4 where RFC 6724 prefers IPv4), unless {@code /etc/gai.conf}
 * changes it.
 *
 * <p>The source address of each destination is what the kernel picks when a UDP socket is connected to it;
 * connecting a UDP socket sends no packet.
 */
public final class AddressSorter {

    private record Policy(byte[] prefix, int length, int precedence, int label) {
    }

    private static final List<Policy> POLICY = List.of(
            policy("::1", 128, 50, 0),
            policy("::", 0, 40, 1),
            policy("::ffff:0:0", 96, 35, 4),
            policy("2002::", 16, 30, 2),
            policy("2001::", 32, 5, 5),
            policy("fc00::", 7, 3, 13),
            policy("::", 96, 1, 3),
            policy("fec0::", 10, 1, 11),
            policy("3ffe::", 16, 1, 12));

    private static final AddressSorter SYSTEM = new AddressSorter(AddressSorter::connectSource);

    private final Function<InetAddress, InetAddress> sourceOf;

    private AddressSorter(Function<InetAddress, InetAddress> sourceOf) {
        this.sourceOf = sourceOf;
    }

    /** A sorter that asks the kernel for each destination's source address. */
    public static AddressSorter system() {
        return SYSTEM;
    }

    /**
     * A sorter with a given source selection, for tests and for hosts whose routing is known.
     *
     * @param sourceOf the source address for a destination, or {@code null} if the destination is unreachable
     */
    public static AddressSorter withSources(Function<InetAddress, InetAddress> sourceOf) {
        return new AddressSorter(Objects.requireNonNull(sourceOf, "sourceOf"));
    }

    private record Candidate(int index, InetAddress destination, InetAddress source) {
    }

    /** {@code destinations} in preference order (a new list; the input is not changed). */
    public List<InetAddress> sort(List<InetAddress> destinations) {
        if (destinations.size() < 2) {
            return new ArrayList<>(destinations);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            InetAddress d = destinations.get(i);
            candidates.add(new Candidate(i, d, sourceOf.apply(d)));
        }
        candidates.sort(ORDER);
        List<InetAddress> out = new ArrayList<>();
        for (Candidate c : candidates) {
            out.add(c.destination());
        }
        return out;
    }

    /** Sorts any items by the address {@code addressOf} gives for each, keeping the order of equal addresses. */
    public <T> List<T> sortBy(List<T> items, Function<T, InetAddress> addressOf) {
        List<InetAddress> addresses = new ArrayList<>();
        for (T item : items) {
            InetAddress a = addressOf.apply(item);
            if (!addresses.contains(a)) {
                addresses.add(a);
            }
        }
        List<InetAddress> sorted = sort(addresses);
        List<T> out = new ArrayList<>();
        for (InetAddress a : sorted) {
            for (T item : items) {
                if (addressOf.apply(item).equals(a)) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    private static final Comparator<Candidate> ORDER = (a, b) -> {
        // Rule 1: avoid unusable destinations.
        if ((a.source() == null) != (b.source() == null)) {
            return a.source() == null ? 1 : -1;
        }
        byte[] da = mapped(a.destination());
        byte[] db = mapped(b.destination());
        if (a.source() != null) {
            byte[] sa = mapped(a.source());
            byte[] sb = mapped(b.source());
            // Rule 2: prefer matching scope.
            boolean ma = scope(da) == scope(sa);
            boolean mb = scope(db) == scope(sb);
            if (ma != mb) {
                return ma ? -1 : 1;
            }
            // Rule 5: prefer matching label.
            boolean la = lookup(da).label() == lookup(sa).label();
            boolean lb = lookup(db).label() == lookup(sb).label();
            if (la != lb) {
                return la ? -1 : 1;
            }
        }
        // Rule 6: prefer higher precedence.
        int pa = lookup(da).precedence();
        int pb = lookup(db).precedence();
        if (pa != pb) {
            return pa > pb ? -1 : 1;
        }
        // Rule 8: prefer smaller scope.
        int ca = scope(da);
        int cb = scope(db);
        if (ca != cb) {
            return ca < cb ? -1 : 1;
        }
        // Rule 9: longest matching prefix, for IPv6 destinations with known sources.
        if (a.source() != null && a.destination() instanceof Inet6Address && b.destination() instanceof Inet6Address
                && !isMapped(da) && !isMapped(db)) {
            int qa = Math.min(64, commonPrefix(da, mapped(a.source())));
            int qb = Math.min(64, commonPrefix(db, mapped(b.source())));
            if (qa != qb) {
                return qa > qb ? -1 : 1;
            }
        }
        // Rule 10: keep the order.
        return Integer.compare(a.index(), b.index());
    };

    /** The RFC 6724 precedence of {@code address} in the default policy table. */
    public static int precedence(InetAddress address) {
        return lookup(mapped(address)).precedence();
    }

    /** The RFC 6724 label of {@code address} in the default policy table. */
    public static int label(InetAddress address) {
        return lookup(mapped(address)).label();
    }

    /**
     * The scope of {@code address} as the C library computes it: 2 (link-local) for IPv6 link-local and
     * loopback and for IPv4 127/8 and 169.254/16, 5 for IPv6 site-local, the scope field of a multicast
     * address, and 14 (global) otherwise.
     */
    public static int scope(InetAddress address) {
        return scope(mapped(address));
    }

    private static int scope(byte[] a) {
        if ((a[0] & 0xFF) == 0xFF) {
            return a[1] & 0x0F;
        }
        if ((a[0] & 0xFF) == 0xFE && (a[1] & 0xC0) == 0x80) {
            return 2;
        }
        if ((a[0] & 0xFF) == 0xFE && (a[1] & 0xC0) == 0xC0) {
            return 5;
        }
        if (isMapped(a)) {
            int first = a[12] & 0xFF;
            if (first == 127 || first == 169 && (a[13] & 0xFF) == 254) {
                return 2;
            }
            return 14;
        }
        boolean loopback = true;
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                loopback = false;
                break;
            }
        }
        if (loopback && a[15] == 1) {
            return 2;
        }
        return 14;
    }

    private static Policy lookup(byte[] a) {
        Policy best = null;
        for (Policy p : POLICY) {
            if (commonPrefix(a, p.prefix()) >= p.length() && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best;
    }

    private static int commonPrefix(byte[] a, byte[] b) {
        int bits = 0;
        for (int i = 0; i < 16; i++) {
            int x = (a[i] ^ b[i]) & 0xFF;
            if (x == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(x) - 24;
        }
        return bits;
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
    }

    private static byte[] mapped(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] m = new byte[16];
        m[10] = (byte) 0xFF;
        m[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, m, 12, 4);
        return m;
    }

    private static Policy policy(String prefix, int length, int precedence, int label) {
        return new Policy(InetLiterals.parseIpv6(prefix).getAddress(), length, precedence, label);
    }

    /** The source address the kernel would use towards {@code destination}, or {@code null} if unreachable. */
    static InetAddress connectSource(InetAddress destination) {
        StandardProtocolFamily family = destination instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        try (DatagramChannel ch = DatagramChannel.open(family)) {
            // Connecting a UDP socket only picks a route and a source address; nothing is sent.
            ch.connect(new InetSocketAddress(destination, 9));
            InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
            return local == null ? null : local.getAddress();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

package dev.toolkit.core.names;

import dev.toolkit.core.inet.InetLiterals;
import dev.toolkit.core.inet.InetText;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 6724 destination ordering with given source addresses (no routing table involved). */
class AddressSorterTest {

    private static InetAddress a(String literal) {
        return InetLiterals.parseWithScope(literal);
    }

    private static List<String> sort(Map<String, String> sources, String... destinations) {
        AddressSorter sorter = AddressSorter.withSources(d -> {
            String s = sources.get(InetText.format(d));
            return s == null ? null : a(s);
        });
        return sorter.sort(java.util.Arrays.stream(destinations).map(AddressSorterTest::a).toList()).stream()
                .map(InetText::format).toList();
    }

    @Test
    void rule1AvoidsUnreachableDestinations() {
        assertEquals(List.of("192.0.2.1", "2001:db8::1"), sort(Map.of("192.0.2.1", "192.0.2.100"),
                "2001:db8::1", "192.0.2.1"));
    }

    @Test
    void rule2PrefersMatchingScope() {
        // A global IPv6 destination reached only from a link-local source loses to IPv4.
        assertEquals(List.of("198.51.100.1", "2001:db8::1"), sort(Map.of("2001:db8::1", "fe80::1",
                "198.51.100.1", "198.51.100.2"), "2001:db8::1", "198.51.100.1"));
    }

    @Test
    void rule5PrefersMatchingLabel() {
        // The C library's passive wildcard order: 0.0.0.0 (source 127.0.0.1, same label) before :: (source ::1).
        assertEquals(List.of("0.0.0.0", "::"), sort(Map.of("::", "::1", "0.0.0.0", "127.0.0.1"), "::", "0.0.0.0"));
    }

    @Test
    void rule6PrefersHigherPrecedence() {
        assertEquals(List.of("::1", "127.0.0.1"), sort(Map.of("::1", "::1", "127.0.0.1", "127.0.0.1"),
                "127.0.0.1", "::1"));
        assertEquals(List.of("2001:db8::1", "192.0.2.1"), sort(Map.of("2001:db8::1", "2001:db8::2",
                "192.0.2.1", "192.0.2.2"), "192.0.2.1", "2001:db8::1"));
        // Unique-local IPv6 (precedence 3) comes after IPv4 (35) in RFC 6724's table.
        assertEquals(List.of("192.0.2.1", "fd00::1"), sort(Map.of("fd00::1", "fd00::2", "192.0.2.1", "192.0.2.2"),
                "fd00::1", "192.0.2.1"));
    }

    @Test
    void rule8PrefersSmallerScope() {
        assertEquals(List.of("fe80::1", "2001:db8::1"), sort(Map.of("fe80::1", "fe80::2", "2001:db8::1", "fe80::2"),
                "2001:db8::1", "fe80::1"));
    }

    @Test
    void rule9PrefersTheLongestMatchingPrefix() {
        assertEquals(List.of("2001:db8:1::1", "2001:db8:2::1"), sort(Map.of("2001:db8:2::1", "2001:db8:1::9",
                "2001:db8:1::1", "2001:db8:1::9"), "2001:db8:2::1", "2001:db8:1::1"));
    }

    @Test
    void rule10KeepsTheOrder() {
        assertEquals(List.of("192.0.2.2", "192.0.2.1"), sort(Map.of("192.0.2.1", "192.0.2.9", "192.0.2.2",
                "192.0.2.9"), "192.0.2.2", "192.0.2.1"));
    }

    @Test
    void policyTable() {
        assertEquals(50, AddressSorter.precedence(a("::1")));
        assertEquals(35, AddressSorter.precedence(a("192.0.2.1")));
        assertEquals(40, AddressSorter.precedence(a("2001:db8::1")));
        assertEquals(30, AddressSorter.precedence(a("2002::1")));
        assertEquals(5, AddressSorter.precedence(a("2001::1")));
        assertEquals(3, AddressSorter.precedence(a("fd00::1")));
        assertEquals(13, AddressSorter.label(a("fd00::1")));
        assertEquals(2, AddressSorter.scope(a("127.0.0.1")));
        assertEquals(2, AddressSorter.scope(a("169.254.1.1")));
        assertEquals(14, AddressSorter.scope(a("10.0.0.1")));
        assertEquals(5, AddressSorter.scope(a("fec0::1")));
        assertEquals(2, AddressSorter.scope(a("ff02::1")));
    }

    @Test
    void kernelSourcesForLoopback() {
        // Connecting a UDP socket to loopback sends nothing; the kernel names the source.
        boolean ipv6 = AddressSorter.connectSource(a("::1")) != null;
        assertEquals(ipv6 ? List.of("::1", "127.0.0.1") : List.of("127.0.0.1", "::1"),
                AddressSorter.system().sort(List.of(a("127.0.0.1"), a("::1"))).stream().map(InetText::format)
                        .toList());
    }
}

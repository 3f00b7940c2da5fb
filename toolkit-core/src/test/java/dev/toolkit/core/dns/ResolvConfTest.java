package dev.toolkit.core.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolvConfTest {

    private static InetSocketAddress ns(String literal) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(literal), 53);
    }

    @Test
    void fullFile() throws Exception {
        ResolvConf c = ResolvConf.parse("# comment\n; another\nnameserver 192.0.2.1\nnameserver 2001:db8::53\n"
                + "search example.com. corp.example.com\noptions ndots:3 timeout:2 attempts:4 rotate edns0\n");
        assertEquals(List.of(ns("192.0.2.1"), ns("2001:db8::53")), c.nameservers());
        assertEquals(List.of("example.com", "corp.example.com"), c.searchDomains());
        assertEquals(3, c.ndots());
        assertEquals(Duration.ofSeconds(2), c.timeout());
        assertEquals(4, c.attempts());
        assertTrue(c.rotate());
        assertTrue(c.edns0());
        assertFalse(c.useVc());
    }

    @Test
    void defaults() throws Exception {
        ResolvConf c = ResolvConf.parse("");
        assertEquals(List.of(ns("127.0.0.1")), c.nameservers());
        assertEquals(List.of(), c.searchDomains());
        assertEquals(1, c.ndots());
        assertEquals(Duration.ofSeconds(5), c.timeout());
        assertEquals(2, c.attempts());
    }

    @Test
    void atMostThreeServersAndNamesAreIgnored() throws Exception {
        ResolvConf c = ResolvConf.parse("nameserver dns.example.com\nnameserver 192.0.2.1\nnameserver 192.0.2.2\n"
                + "nameserver 192.0.2.3\nnameserver 192.0.2.4\n  nameserver 192.0.2.9\n");
        assertEquals(List.of(ns("192.0.2.1"), ns("192.0.2.2"), ns("192.0.2.3")), c.nameservers());
    }

    @Test
    void lastOfDomainAndSearchWins() {
        assertEquals(List.of("b.example"), ResolvConf.parse("search a.example\ndomain b.example\n").searchDomains());
        assertEquals(List.of("c.example", "d.example"),
                ResolvConf.parse("domain b.example\nsearch c.example d.example\n").searchDomains());
    }

    @Test
    void searchDefaultsToTheHostNamesDomain() {
        assertEquals(List.of("lab.example"), ResolvConf.parse("", "box.lab.example").searchDomains());
        assertEquals(List.of(), ResolvConf.parse("", "box").searchDomains());
    }

    @Test
    void optionLimitsAndBadValues() {
        ResolvConf c = ResolvConf.parse("options ndots:99 timeout:99 attempts:99\n");
        assertEquals(15, c.ndots());
        assertEquals(Duration.ofSeconds(30), c.timeout());
        assertEquals(5, c.attempts());
        ResolvConf bad = ResolvConf.parse("options ndots:x timeout: attempts:-1 unknown-option use-vc\n");
        assertEquals(1, bad.ndots());
        assertEquals(Duration.ofSeconds(5), bad.timeout());
        assertEquals(2, bad.attempts());
        assertTrue(bad.useVc());
    }

    @Test
    void fileAndMissingFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("resolv.conf");
        Files.writeString(f, "nameserver 192.0.2.7\nsearch test\noptions ndots:2\n");
        ResolvConf c = ResolvConf.read(f);
        assertEquals(List.of(ns("192.0.2.7")), c.nameservers());
        DnsClientConfig config = c.toConfig().build();
        assertEquals(List.of(ns("192.0.2.7")), config.servers());
        assertEquals(List.of("test"), config.searchDomains());
        assertEquals(2, config.ndots());
        assertEquals(List.of(ns("127.0.0.1")), ResolvConf.read(dir.resolve("missing")).nameservers());
    }

    @Test
    void configWithoutServersIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DnsClientConfig.builder().build());
        assertTrue(e.getMessage().contains("no DNS servers"), e.getMessage());
    }

    @Test
    void serverOption() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5353),
                DnsClientConfig.parseServer("127.0.0.1:5353"));
        assertEquals(ns("127.0.0.1"), DnsClientConfig.parseServer("127.0.0.1"));
        assertEquals(ns("::1"), DnsClientConfig.parseServer("::1"));
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 5353), DnsClientConfig.parseServer("[::1]:5353"));
        for (String bad : List.of("localhost", "127.0.0.1:0", "127.0.0.1:x", "[::1", "[::1]5353", "")) {
            assertThrows(IllegalArgumentException.class, () -> DnsClientConfig.parseServer(bad), bad);
        }
    }
}

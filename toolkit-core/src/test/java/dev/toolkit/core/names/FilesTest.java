package dev.toolkit.core.names;

import dev.toolkit.core.inet.InetLiterals;
import dev.toolkit.core.inet.InetText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hosts file and services database parsers. */
class FilesTest {

    @Test
    void services() {
        Services s = Services.parse("# comment\nhttp\t80/tcp\twww www-http # WorldWideWeb\n"
                + "domain 53/tcp\ndomain 53/udp\nbroken\nbad 99999/tcp\nntp 123/udp\nsmtp 25/TCP mail\n");
        assertEquals(Optional.of(80), s.port("www", "tcp"));
        assertEquals(Optional.of(80), s.port("www-http", "tcp"));
        assertEquals(Optional.empty(), s.port("www", "udp"));
        assertEquals(Optional.of(53), s.port("domain", "udp"));
        assertEquals(Optional.of(25), s.port("mail", "tcp"));
        assertEquals(Optional.empty(), s.port("WWW", "tcp"));
        assertEquals(Optional.empty(), s.port("bad", "tcp"));
        assertEquals(Optional.of("http"), s.name(80, "tcp"));
        assertEquals(Optional.of("ntp"), s.name(123, "udp"));
        assertEquals(Optional.empty(), s.name(123, "tcp"));
    }

    @Test
    void systemServicesKnowTheBooksNames() {
        Services s = Services.system();
        assertEquals(Optional.of(80), s.port("www", "tcp"));
        assertEquals(Optional.of(25), s.port("smtp", "tcp"));
    }

    @Test
    void hostsFile() {
        HostsFile h = HostsFile.parse("127.0.0.1 localhost\n::1 localhost ip6-localhost # v6\n"
                + "192.0.2.1 Server.Example server\n192.0.2.2 server\nnot-an-address name\n# 10.0.0.1 hidden\n");
        HostsFile.Match m = h.lookup("SERVER").orElseThrow();
        assertEquals("Server.Example", m.canonicalName());
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), m.addresses().stream().map(InetText::format).toList());
        assertEquals(List.of("127.0.0.1", "::1"),
                h.lookup("localhost").orElseThrow().addresses().stream().map(InetText::format).toList());
        assertTrue(h.lookup("localhost.").isEmpty());
        assertTrue(h.lookup("hidden").isEmpty());
        assertTrue(h.lookup("name").isEmpty());
        assertEquals(Optional.of("localhost"), h.nameOf(InetLiterals.parseWithScope("::1")));
    }
}

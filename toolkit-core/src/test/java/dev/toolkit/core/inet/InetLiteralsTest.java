package dev.toolkit.core.inet;

import org.junit.jupiter.api.Test;

import java.net.Inet6Address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class InetLiteralsTest {

    private static String v4(String text) {
        return InetText.format(InetLiterals.parseIpv4(text));
    }

    @Test
    void inetAtonForms() {
        assertEquals("127.0.0.1", v4("127.0.0.1"));
        assertEquals("127.0.0.1", v4("127.1"));
        assertEquals("127.0.0.1", v4("0x7f.1"));
        assertEquals("127.0.0.1", v4("0177.0.0.1"));
        assertEquals("127.0.0.1", v4("2130706433"));
        assertEquals("1.0.1.0", v4("1.256"));
        assertEquals("1.1.0.0", v4("1.65536"));
        assertEquals("0.0.0.0", v4("0"));
    }

    @Test
    void notIpv4() {
        for (String bad : new String[] {"127.0.0.1.", "1.2.3.4.5", "256.1.1.1", "1.2.65536", "0x", "08", "", "a.b",
                "1..2", " 1.2.3.4", "4294967296"}) {
            assertNull(InetLiterals.parseIpv4(bad), bad);
        }
    }

    @Test
    void ipv6FormsAndScopes() {
        assertEquals("::1", InetText.format(InetLiterals.parseWithScope("::1")));
        assertInstanceOf(Inet6Address.class, InetLiterals.parseWithScope("::ffff:127.0.0.1"));
        assertEquals("::ffff:127.0.0.1", InetText.format(InetLiterals.parseWithScope("::ffff:127.0.0.1")));
        assertEquals(3, ((Inet6Address) InetLiterals.parseWithScope("fe80::1%3")).getScopeId());
        assertNull(InetLiterals.parseWithScope("[::1]"));
        assertNull(InetLiterals.parseWithScope("::1%"));
        assertNull(InetLiterals.parseWithScope("::1%lo"));
        assertNull(InetLiterals.parseWithScope("fe80::1%nosuchinterface0"));
        assertNull(InetLiterals.parseWithScope("1:2:3"));
        assertNull(InetLiterals.parseWithScope("localhost"));
    }

    @Test
    void rfc5952Text() {
        assertEquals("2001:db8::1", InetText.format(InetLiterals.parseIpv6("2001:0db8:0000:0000:0000:0000:0000:0001")));
        assertEquals("2001:db8:0:1:1:1:1:1", InetText.format(InetLiterals.parseIpv6("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:0:0:1::1", InetText.format(InetLiterals.parseIpv6("2001:0:0:1:0:0:0:1")));
        assertEquals("2001:db8::1:0:0:1", InetText.format(InetLiterals.parseIpv6("2001:db8:0:0:1:0:0:1")));
        assertEquals("::", InetText.format(InetLiterals.parseIpv6("::")));
        assertEquals("fe80::", InetText.format(InetLiterals.parseIpv6("fe80::")));
        assertEquals("::192.0.2.1", InetText.format(InetLiterals.parseIpv6("::c000:201")));
        assertEquals("fe80::1%3", InetText.formatWithScope(InetLiterals.parseWithScope("fe80::1%3")));
    }
}

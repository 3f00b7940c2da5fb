package dev.toolkit.core.dns.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainNamesTest {

    @Test
    void validNames() {
        assertEquals("www.example.com", DomainNames.check("www.example.com"));
        assertEquals("www.example.com", DomainNames.check("www.example.com."));
        assertEquals("_sip._tcp.example.com", DomainNames.check("_sip._tcp.example.com"));
        assertEquals("", DomainNames.check("."));
        assertEquals("xn--bcher-kva.example", DomainNames.check("bücher.example"));
        assertEquals("a".repeat(63) + ".b", DomainNames.check("a".repeat(63) + ".b"));
        String longest = ("a".repeat(62) + ".").repeat(4) + "b"; // 4 * 63 + 1 = 253 characters
        assertEquals(253, DomainNames.check(longest).length());
    }

    private static String error(String name) {
        return assertThrows(IllegalArgumentException.class, () -> DomainNames.check(name)).getMessage();
    }

    @Test
    void invalidNamesSayWhatIsWrong() {
        assertEquals("empty name", error(""));
        assertEquals("empty name", error("  "));
        assertEquals("empty name", error(null));
        assertTrue(error("a..b").contains("empty label"));
        assertTrue(error(".a").contains("empty label"));
        assertTrue(error("a.b..").contains("empty label"));
        assertTrue(error("a".repeat(64) + ".b").contains("64 bytes long; the limit is 63"));
        assertTrue(error(("a".repeat(62) + ".").repeat(4) + "bc").contains("254 characters long; the limit is 253"));
        assertTrue(error("bad name.example").contains("invalid character ' ' at position 3"));
        assertTrue(error("a/b").contains("'/'"));
        assertTrue(error("tab\there").contains("U+0009"));
    }

    @Test
    void absoluteAndKeyForms() {
        assertEquals("a.b.", DomainNames.absolute("a.b"));
        assertEquals(".", DomainNames.absolute(""));
        assertEquals("www.example", DomainNames.key("WWW.Example."));
    }

    @Test
    void readsEscapedLabelsAndPointers() {
        ByteBuf b = Unpooled.buffer();
        try {
            b.writeByte(3).writeBytes("a.b".getBytes()).writeByte(0);     // offset 0: "a\.b"
            b.writeByte(2).writeByte(' ').writeByte(0xFF).writeByte(0xC0).writeByte(0); // offset 5
            DomainNames.Decoded d = DomainNames.read(b, 5, b.writerIndex());
            assertEquals("\\032\\255.a\\.b", d.name());
            assertEquals(10, d.next());
        } finally {
            b.release();
        }
    }

    @Test
    void rejectsForwardPointersAndOverruns() {
        ByteBuf b = Unpooled.buffer();
        try {
            b.writeByte(0xC0).writeByte(2).writeByte(1).writeByte('a').writeByte(0);
            assertThrows(IllegalArgumentException.class, () -> DomainNames.read(b, 0, b.writerIndex()));
            assertThrows(IllegalArgumentException.class, () -> DomainNames.read(b, 2, 3));
        } finally {
            b.release();
        }
    }
}

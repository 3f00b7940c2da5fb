package dev.toolkit.examples.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PythonFormatTest {

    private static String repr(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return PythonFormat.repr(buf);
        } finally {
            buf.release();
        }
    }

    private static String repr(String ascii) {
        return repr(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void reprCutShortCountsWhatItLeftOut() {
        ByteBuf buf = Unpooled.wrappedBuffer("it's a long line".getBytes(StandardCharsets.US_ASCII));
        try {
            assertEquals("b\"it's\"... (12 more bytes)", PythonFormat.repr(buf, 4));
            assertEquals("b\"it's a long line\"", PythonFormat.repr(buf, 100));
            assertEquals(0, buf.readerIndex());
        } finally {
            buf.release();
        }
    }

    @Test
    void reprQuotesAsPythonDoes() {
        assertEquals("b'Beautiful is better than ugly.'", repr("Beautiful is better than ugly."));
        assertEquals("b''", repr(""));
        assertEquals("b\"it's\"", repr("it's"));
        assertEquals("b'say \"hi\"'", repr("say \"hi\""));
        assertEquals("b'\"it\\'s\"'", repr("\"it's\""));
        assertEquals("b\"\\\\'\"", repr("\\'"));
    }

    @Test
    void reprEscapesAsPythonDoes() {
        assertEquals("b'\\t\\r\\n\\\\\\x00\\x7f\\x80\\xff ~'", repr(new byte[] {'\t', '\r', '\n', '\\', 0, 0x7f,
                (byte) 0x80, (byte) 0xff, ' ', '~'}));
    }

    @Test
    void reprShowsEverythingAndKeepsTheIndexes() {
        ByteBuf buf = Unpooled.copiedBuffer("x".repeat(100), StandardCharsets.US_ASCII);
        try {
            buf.readByte();
            assertEquals("b'" + "x".repeat(99) + "'", PythonFormat.repr(buf));
            assertEquals(1, buf.readerIndex());
        } finally {
            buf.release();
        }
    }

    @Test
    void socknameIsPythonsTuple() throws Exception {
        assertEquals("('127.0.0.1', 1060)",
                PythonFormat.sockname(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1060)));
        assertEquals("('::1', 1060, 0, 0)",
                PythonFormat.sockname(new InetSocketAddress(InetAddress.getByName("::1"), 1060)));
        assertEquals("('2001:db8::1', 80, 0, 0)",
                PythonFormat.sockname(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 80)));
    }
}

package dev.toolkit.core.dns;

import dev.toolkit.core.dns.record.AaaaRecord;
import dev.toolkit.core.dns.record.ARecord;
import dev.toolkit.core.dns.record.CnameRecord;
import dev.toolkit.core.dns.record.MxRecord;
import dev.toolkit.core.dns.record.NsRecord;
import dev.toolkit.core.dns.record.PtrRecord;
import dev.toolkit.core.dns.record.ResourceRecord;
import dev.toolkit.core.dns.record.SoaRecord;
import dev.toolkit.core.dns.record.SrvRecord;
import dev.toolkit.core.dns.record.TxtRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typed records decoded from whole DNS messages, as Netty's UDP and TCP decoders hand them over, with names
 * compressed everywhere a server may compress them (RFC 1035 4.1.4), including in SRV and SOA data, which Netty
 * leaves raw.
 */
class RecordDecodingTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);

    /** Builds a response to "example.test A" whose records all point back at the question's name (offset 12). */
    private static final class Message {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int answers;

        Message() {
            bytes(0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0);
            label("example");
            label("test");
            bytes(0, 0, 1, 0, 1);
        }

        void bytes(int... b) {
            for (int x : b) {
                out.write(x);
            }
        }

        void label(String l) {
            out.write(l.length());
            out.writeBytes(l.getBytes(StandardCharsets.US_ASCII));
        }

        /** A record owned by the question's name (pointer to offset 12), of {@code type}, with {@code rdata}. */
        void record(int type, byte[] rdata) {
            bytes(0xC0, 12, type >> 8, type & 0xFF, 0, 1, 0, 0, 0x0E, 0x10, rdata.length >> 8, rdata.length & 0xFF);
            out.writeBytes(rdata);
            answers++;
        }

        /** A record owned by {@code label}.example.test, written with a pointer. */
        void recordOf(String label, int type, byte[] rdata) {
            label(label);
            bytes(0xC0, 12, type >> 8, type & 0xFF, 0, 1, 0, 0, 0x0E, 0x10, rdata.length >> 8, rdata.length & 0xFF);
            out.writeBytes(rdata);
            answers++;
        }

        byte[] build() {
            byte[] b = out.toByteArray();
            b[6] = (byte) (answers >> 8);
            b[7] = (byte) answers;
            return b;
        }
    }

    private static byte[] data(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String) {
                String s = (String) p;
                o.write(s.length());
                o.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            } else if (p instanceof int[]) {
                for (int x : (int[]) p) {
                    o.write(x);
                }
            }
        }
        return o.toByteArray();
    }

    private static final int[] PTR12 = {0xC0, 12};

    private static byte[] fullMessage() {
        Message m = new Message();
        m.record(1, data(new int[] {192, 0, 2, 1}));
        m.record(28, data(new int[] {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        m.recordOf("www", 5, data(PTR12));
        m.record(15, data(new int[] {0, 10}, "mail", PTR12));
        m.record(33, data(new int[] {0, 1, 0, 2, 0x13, 0xC4}, "sip", PTR12));
        m.record(6, data("ns", PTR12, "hostmaster", PTR12, new int[] {0x78, 0xA3, 0xF1, 0x75, 0, 0, 0x04, 0xB0,
                0, 0, 0, 0xB4, 0, 0x12, 0x75, 0, 0, 0, 0, 60}));
        m.record(2, data("ns1", PTR12));
        m.record(12, data("host", PTR12));
        m.record(16, data("say \"hi\"", new int[] {2, 1, '\\'}));
        return m.build();
    }

    private static void check(List<ResourceRecord> r) throws Exception {
        assertEquals(9, r.size(), r.toString());
        assertEquals(new ARecord("example.test", 3600, (java.net.Inet4Address) InetAddress.getByName("192.0.2.1")),
                r.get(0));
        assertEquals("2001:db8::1", ((AaaaRecord) r.get(1)).toText());
        assertEquals(new CnameRecord("www.example.test", 3600, "example.test"), r.get(2));
        assertEquals(new MxRecord("example.test", 3600, 10, "mail.example.test"), r.get(3));
        assertEquals(new SrvRecord("example.test", 3600, 1, 2, 5060, "sip.example.test"), r.get(4));
        assertEquals(new SoaRecord("example.test", 3600, "ns.example.test", "hostmaster.example.test",
                2024010101L, 1200, 180, 1209600, 60), r.get(5));
        assertEquals("ns.example.test. hostmaster.example.test. 2024010101 1200 180 1209600 60", r.get(5).toText());
        assertEquals(new NsRecord("example.test", 3600, "ns1.example.test"), r.get(6));
        assertEquals(new PtrRecord("example.test", 3600, "host.example.test"), r.get(7));
        TxtRecord txt = (TxtRecord) r.get(8);
        assertEquals("\"say \\\"hi\\\"\" \"\\001\\\\\"", txt.toText());
        assertEquals("example.test. 3600 IN MX 10 mail.example.test.", r.get(3).toZoneLine());
    }

    /** Decodes {@code message} as Netty's UDP decoder and the client do, releasing everything. */
    private static List<ResourceRecord> decodeUdp(byte[] message) {
        EmbeddedChannel ch = new EmbeddedChannel(new DatagramDnsResponseDecoder());
        try {
            ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(message), SERVER, SERVER));
            return decodeAndRelease(ch.readInbound());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static List<ResourceRecord> decodeAndRelease(DnsResponse response) {
        try {
            return Response.decode(response, SERVER).answers;
        } finally {
            response.release();
        }
    }

    @Test
    void udpMessage() throws Exception {
        check(decodeUdp(fullMessage()));
    }

    @Test
    void tcpMessageSplitByteByByte() throws Exception {
        byte[] message = fullMessage();
        EmbeddedChannel ch = new EmbeddedChannel(new TcpDnsResponseDecoder());
        try {
            ByteBuf framed = Unpooled.buffer().writeShort(message.length).writeBytes(message);
            while (framed.isReadable()) {
                ch.writeInbound(framed.readRetainedSlice(1));
            }
            framed.release();
            check(decodeAndRelease(ch.readInbound()));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void compressionLoopIsRejected() {
        Message m = new Message();
        // The SRV target points at itself.
        int at = m.out.size() + 12 + 6;
        m.record(33, data(new int[] {0, 1, 0, 2, 0, 80, 0xC0 | (at >> 8), at & 0xFF}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decodeUdp(m.build()));
        assertTrue(e.getMessage().contains("does not point backwards"), e.getMessage());
    }

    @Test
    void wrongAddressLengthIsRejected() {
        Message m = new Message();
        m.record(1, data(new int[] {192, 0, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decodeUdp(m.build()));
        assertTrue(e.getMessage().contains("expected 4"), e.getMessage());
    }
}

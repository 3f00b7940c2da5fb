package dev.toolkit.core.dns.record;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DnsPtrRecord;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the records Netty's DNS codec hands back into typed {@link ResourceRecord}s.
 *
 * <p>Netty decodes PTR records itself and decompresses the names in CNAME, NS and MX data into fresh buffers;
 * the data of every other type (SRV, SOA, ...) is a view of the whole message, positioned at the record's
 * data, so compressed names in it are read relative to the message. This decoder reads names with
 * {@link DomainNames#read}, which handles both cases. It never releases the record: its owner does.
 */
public final class RecordDecoder {

    private RecordDecoder() {
    }

    /**
     * Decodes {@code record}.
     *
     * @return the typed record, or {@code null} if its type is not one of {@link RecordType} or its class is
     *     not IN
     * @throws IllegalArgumentException if the data is malformed, saying how
     */
    public static ResourceRecord decode(DnsRecord record) {
        RecordType type = RecordType.ofCode(record.type().intValue());
        if (type == null || record.dnsClass() != DnsRecord.CLASS_IN) {
            return null;
        }
        String name = stripDot(record.name());
        long ttl = record.timeToLive();
        if (record instanceof DnsPtrRecord) {
            return new PtrRecord(name, ttl, stripDot(((DnsPtrRecord) record).hostname()));
        }
        if (!(record instanceof DnsRawRecord)) {
            throw new IllegalArgumentException("no data in " + type + " record for " + name);
        }
        ByteBuf data = ((DnsRawRecord) record).content();
        try {
            return decode(type, name, ttl, data, data.readerIndex(), data.writerIndex());
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed " + type + " record for " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes the data of a record of {@code type} found in {@code message} between {@code start} and
     * {@code end} (indices of the message, so that compression pointers resolve).
     */
    public static ResourceRecord decode(RecordType type, String name, long ttl, ByteBuf message, int start,
                                        int end) {
        int length = end - start;
        switch (type) {
            case A:
                expectLength(type, name, length, 4);
                return new ARecord(name, ttl, (Inet4Address) address(message, start, 4));
            case AAAA:
                expectLength(type, name, length, 16);
                byte[] v6 = new byte[16];
                message.getBytes(start, v6);
                try {
                    return new AaaaRecord(name, ttl, Inet6Address.getByAddress(null, v6, -1));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e);
                }
            case CNAME:
                return new CnameRecord(name, ttl, wholeName(type, name, message, start, end));
            case NS:
                return new NsRecord(name, ttl, wholeName(type, name, message, start, end));
            case PTR:
                return new PtrRecord(name, ttl, wholeName(type, name, message, start, end));
            case MX: {
                expectAtLeast(type, name, length, 3);
                int preference = message.getUnsignedShort(start);
                return new MxRecord(name, ttl, preference, wholeName(type, name, message, start + 2, end));
            }
            case SRV: {
                expectAtLeast(type, name, length, 7);
                int priority = message.getUnsignedShort(start);
                int weight = message.getUnsignedShort(start + 2);
                int port = message.getUnsignedShort(start + 4);
                return new SrvRecord(name, ttl, priority, weight, port,
                        wholeName(type, name, message, start + 6, end));
            }
            case SOA: {
                DomainNames.Decoded mname = DomainNames.read(message, start, end);
                DomainNames.Decoded rname = DomainNames.read(message, mname.next(), end);
                int p = rname.next();
                expectLength(type, name, end - p, 20);
                return new SoaRecord(name, ttl, mname.name(), rname.name(), message.getUnsignedInt(p),
                        message.getUnsignedInt(p + 4), message.getUnsignedInt(p + 8), message.getUnsignedInt(p + 12),
                        message.getUnsignedInt(p + 16));
            }
            case TXT: {
                List<byte[]> strings = new ArrayList<>();
                int p = start;
                while (p < end) {
                    int len = message.getUnsignedByte(p);
                    if (p + 1 + len > end) {
                        throw new IllegalArgumentException("TXT record for " + name
                                + ": a character string runs past the end of the data");
                    }
                    byte[] s = new byte[len];
                    message.getBytes(p + 1, s);
                    strings.add(s);
                    p += 1 + len;
                }
                return new TxtRecord(name, ttl, strings);
            }
            default:
                throw new IllegalArgumentException("unsupported type " + type);
        }
    }

    private static String wholeName(RecordType type, String owner, ByteBuf message, int start, int end) {
        DomainNames.Decoded d = DomainNames.read(message, start, end);
        if (d.next() != end) {
            throw new IllegalArgumentException(type + " record for " + owner + ": " + (end - d.next())
                    + " bytes after the name");
        }
        return d.name();
    }

    private static InetAddress address(ByteBuf message, int start, int length) {
        byte[] b = new byte[length];
        message.getBytes(start, b);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void expectLength(RecordType type, String name, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(type + " record for " + name + " has " + actual
                    + " bytes of data; expected " + expected);
        }
    }

    private static void expectAtLeast(RecordType type, String name, int actual, int min) {
        if (actual < min) {
            throw new IllegalArgumentException(type + " record for " + name + " has only " + actual
                    + " bytes of data");
        }
    }

    private static String stripDot(String name) {
        if (name.equals(".")) {
            return "";
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}

package dev.toolkit.examples.ch04;

import dev.toolkit.core.dns.record.DomainNames;
import dev.toolkit.core.inet.InetLiterals;
import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A tiny authoritative DNS server for the tour, so that chapter 4's listings can be shown without the internet
 * and without installing a DNS server: it answers UDP queries on 127.0.0.1 (an ephemeral port) for the fixed
 * zone {@value #ZONE}, built on Netty's DNS codec. It follows CNAME chains inside the zone, answers NXDOMAIN
 * for unknown names and "no data" with the zone's SOA, and refuses names outside the zone.
 *
 * <table>
 *   <caption>The zone (TTL {@value #TTL})</caption>
 *   <tr><td>demo.test</td><td>A 127.0.0.1, MX 10 mail1.demo.test, MX 20 mail2.demo.test, NS ns.demo.test, SOA</td></tr>
 *   <tr><td>ns.demo.test, mail1.demo.test</td><td>A 127.0.0.1</td></tr>
 *   <tr><td>mail2.demo.test</td><td>CNAME mail1.demo.test</td></tr>
 *   <tr><td>www.demo.test</td><td>CNAME web.demo.test; web.demo.test A 127.0.0.1</td></tr>
 *   <tr><td>nomx.demo.test</td><td>A 127.0.0.1, AAAA ::1 (no MX: mail goes to its address)</td></tr>
 *   <tr><td>nullmx.demo.test</td><td>MX 0 . (accepts no mail)</td></tr>
 * </table>
 */
public final class DemoDnsServer implements AutoCloseable {

    /** The zone served. */
    public static final String ZONE = "demo.test";
    /** The TTL of every record. */
    public static final int TTL = 300;

    private record Rr(String name, DnsRecordType type, byte[] data) {
    }

    private final Map<String, List<Rr>> zone = new LinkedHashMap<>();
    private final EventLoopGroup group;
    private final Channel channel;

    private DemoDnsServer() throws InterruptedException {
        a("demo.test", "127.0.0.1");
        mx("demo.test", 10, "mail1.demo.test");
        mx("demo.test", 20, "mail2.demo.test");
        add("demo.test", DnsRecordType.NS, name("ns.demo.test"));
        add("demo.test", DnsRecordType.SOA, soa());
        a("ns.demo.test", "127.0.0.1");
        a("mail1.demo.test", "127.0.0.1");
        add("mail2.demo.test", DnsRecordType.CNAME, name("mail1.demo.test"));
        add("www.demo.test", DnsRecordType.CNAME, name("web.demo.test"));
        a("web.demo.test", "127.0.0.1");
        a("nomx.demo.test", "127.0.0.1");
        add("nomx.demo.test", DnsRecordType.AAAA, InetLiterals.parseWithScope("::1").getAddress());
        mx("nullmx.demo.test", 0, "");
        group = Transports.newGroup(Transport.NIO, 1, "demo-dns");
        channel = new Bootstrap().group(group).channel(Transports.datagramChannel(Transport.NIO))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Responder());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    /** Starts the server on 127.0.0.1 on an ephemeral port. */
    public static DemoDnsServer start() throws InterruptedException {
        return new DemoDnsServer();
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The address as the listings' {@code --server} option takes it: {@code 127.0.0.1:PORT}. */
    public String serverOption() {
        return "127.0.0.1:" + address().getPort();
    }

    /** Stops the server. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void add(String owner, DnsRecordType type, byte[] data) {
        zone.computeIfAbsent(owner, k -> new ArrayList<>()).add(new Rr(owner, type, data));
    }

    private void a(String owner, String address) {
        add(owner, DnsRecordType.A, InetLiterals.parseWithScope(address).getAddress());
    }

    private void mx(String owner, int preference, String exchange) {
        byte[] n = name(exchange);
        byte[] data = new byte[2 + n.length];
        data[0] = (byte) (preference >> 8);
        data[1] = (byte) preference;
        System.arraycopy(n, 0, data, 2, n.length);
        add(owner, DnsRecordType.MX, data);
    }

    private static byte[] soa() {
        ByteBuf b = Unpooled.buffer();
        try {
            b.writeBytes(name("ns.demo.test")).writeBytes(name("hostmaster.demo.test"));
            b.writeInt(1).writeInt(3600).writeInt(600).writeInt(86400).writeInt(TTL);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    /** A domain name in wire form, uncompressed; the empty string is the root. */
    private static byte[] name(String name) {
        ByteBuf b = Unpooled.buffer();
        try {
            if (!name.isEmpty()) {
                for (String label : name.split("\\.")) {
                    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
                    b.writeByte(l.length).writeBytes(l);
                }
            }
            b.writeByte(0);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    /** Answers each query from the zone; stateless apart from the zone, which never changes. */
    private final class Responder extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setRecursionDesired(query.isRecursionDesired());
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            if (question == null) {
                response.setCode(DnsResponseCode.FORMERR);
                ctx.writeAndFlush(response);
                return;
            }
            response.addRecord(DnsSection.QUESTION, question);
            String qname = DomainNames.key(question.name());
            if (!qname.equals(ZONE) && !qname.endsWith("." + ZONE)) {
                response.setCode(DnsResponseCode.REFUSED);
                ctx.writeAndFlush(response);
                return;
            }
            response.setAuthoritativeAnswer(true);
            if (!zone.containsKey(qname)) {
                response.setCode(DnsResponseCode.NXDOMAIN);
                authority(response);
                ctx.writeAndFlush(response);
                return;
            }
            answer(qname, question.type(), r -> addAnswer(response, r), 0);
            if (response.count(DnsSection.ANSWER) == 0) {
                authority(response);
            }
            ctx.writeAndFlush(response);
        }

        private void answer(String name, DnsRecordType type, Consumer<Rr> out, int depth) {
            List<Rr> records = zone.getOrDefault(name, List.of());
            boolean found = false;
            for (Rr r : records) {
                if (r.type().equals(type)) {
                    out.accept(r);
                    found = true;
                }
            }
            if (!found && !type.equals(DnsRecordType.CNAME) && depth < 8) {
                for (Rr r : records) {
                    if (r.type().equals(DnsRecordType.CNAME)) {
                        out.accept(r);
                        answer(targetOf(r), type, out, depth + 1);
                    }
                }
            }
        }

        private String targetOf(Rr cname) {
            ByteBuf b = Unpooled.wrappedBuffer(cname.data());
            try {
                return DomainNames.read(b, 0, b.writerIndex()).name();
            } finally {
                b.release();
            }
        }

        private void authority(DatagramDnsResponse response) {
            for (Rr r : zone.get(ZONE)) {
                if (r.type().equals(DnsRecordType.SOA)) {
                    response.addRecord(DnsSection.AUTHORITY, raw(r));
                }
            }
        }
    }

    private static DefaultDnsRawRecord raw(Rr r) {
        return new DefaultDnsRawRecord(r.name() + ".", r.type(), TTL, Unpooled.wrappedBuffer(r.data()));
    }

    private static void addAnswer(DatagramDnsResponse response, Rr r) {
        response.addRecord(DnsSection.ANSWER, raw(r));
    }
}

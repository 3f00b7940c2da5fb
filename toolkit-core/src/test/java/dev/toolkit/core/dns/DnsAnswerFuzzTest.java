package dev.toolkit.core.dns;

import dev.toolkit.testing.fuzz.FuzzTarget;
import dev.toolkit.testing.fuzz.Fuzzing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import io.netty.util.ReferenceCountUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fuzzes the decoding of DNS answers along the client's path: Netty's response decoder (UDP, or TCP as for
 * the retry of a truncated answer), then {@link Response#decode}, which types the records. Input layout: byte 0
 * even means the rest is one UDP datagram; odd means the rest is a TCP stream (messages after their 2-byte
 * length) written in chunks of {@code (byte0 >> 1) + 1} bytes.
 *
 * <p>Netty's decoder may refuse a message (a {@code DecoderException}: the client never sees an answer); an
 * answer Netty accepts may fail only as malformed ({@link IllegalArgumentException} with a message, which the
 * client reports as a malformed answer from that server). Every buffer is released.
 */
class DnsAnswerFuzzTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

    private static final Predicate<Throwable> REFUSED_BY_NETTY = t -> t instanceof DecoderException;
    private static final Predicate<Throwable> MALFORMED = Fuzzing.clearErrorsOf(IllegalArgumentException.class);

    @FuzzTarget
    void decodeAnswer(byte[] input) {
        Fuzzing.exercise(() -> decodeOnce(input), MALFORMED);
    }

    private static void decodeOnce(byte[] input) {
        if (input.length < 1) {
            return;
        }
        boolean tcp = (input[0] & 1) == 1;
        List<ByteBuf> written = new ArrayList<>();
        List<Object> messages = new ArrayList<>();
        EmbeddedChannel channel;
        if (tcp) {
            int chunk = ((input[0] & 0xff) >> 1) + 1;
            written.addAll(Fuzzing.chunks(input, 1, chunk));
            channel = new EmbeddedChannel(new TcpDnsResponseDecoder());
            messages.addAll(written);
        } else {
            ByteBuf datagram = Unpooled.copiedBuffer(input, 1, input.length - 1);
            written.add(datagram);
            channel = new EmbeddedChannel(new DatagramDnsResponseDecoder());
            messages.add(new DatagramPacket(datagram, CLIENT, SERVER));
        }
        Fuzzing.writeEachInbound(channel, messages, REFUSED_BY_NETTY);
        List<Object> responses = Fuzzing.finish(channel, REFUSED_BY_NETTY);
        RuntimeException malformed = null;
        try {
            for (Object r : responses) {
                Response.decode((DnsResponse) r, SERVER);
            }
        } catch (RuntimeException e) {
            malformed = e;
        } finally {
            for (Object r : responses) {
                ReferenceCountUtil.release(r);
            }
        }
        Fuzzing.assertAllReleased("DNS message bytes", written);
        if (malformed != null) {
            throw malformed;
        }
    }
}

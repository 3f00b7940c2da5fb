package dev.toolkit.udp;

import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.testing.fuzz.FuzzTarget;
import dev.toolkit.testing.fuzz.Fuzzing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fuzzes the request layer: datagrams decoded by a server (which answers each request through
 * {@link RequestProtocol#server}) or by a client. Input layout: byte 0 even is the server side, odd the client
 * side; the rest is a sequence of datagrams, each a length byte and that many bytes (the last one takes what is
 * left).
 *
 * <p>Bad datagrams may fail only with a toolkit exception and never stop decoding. A server answers each request
 * it decodes with a reply of the same ID carrying what the handler returned (here the request's payload); a
 * client's decoded frames repeat the datagram's kind, ID and payload. Every buffer is released.
 */
class RequestLayerFuzzTest {

    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1060);

    private static final Predicate<Throwable> CLEAR = Fuzzing.clearErrorsOf(ToolkitException.class);

    @FuzzTarget
    void decodeDatagrams(byte[] input) {
        Fuzzing.exercise(() -> decodeOnce(input), CLEAR);
    }

    private static void decodeOnce(byte[] input) {
        if (input.length < 1) {
            return;
        }
        boolean serverSide = (input[0] & 1) == 0;
        List<byte[]> datagrams = new ArrayList<>();
        for (int i = 1; i < input.length; ) {
            int length = Math.min(input[i] & 0xff, input.length - i - 1);
            datagrams.add(Arrays.copyOfRange(input, i + 1, i + 1 + length));
            i += 1 + length;
        }
        List<ByteBuf> written = new ArrayList<>();
        List<Object> packets = new ArrayList<>();
        for (byte[] d : datagrams) {
            ByteBuf content = Unpooled.copiedBuffer(d);
            written.add(content);
            packets.add(new DatagramPacket(content, LOCAL, PEER));
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        if (serverSide) {
            RequestProtocol.server(Datagram::data).initialize(channel);
        } else {
            channel.pipeline().addLast(new RequestFrameCodec(false));
        }
        Fuzzing.writeEachInbound(channel, packets, CLEAR);
        List<Object> out = new ArrayList<>();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            out.add(m);
        }
        List<Object> in = Fuzzing.finish(channel, CLEAR);
        try {
            List<byte[]> wellFormed = new ArrayList<>();
            for (byte[] d : datagrams) {
                if (d.length >= RequestFrame.HEADER_LENGTH && (serverSide ? d[0] == RequestFrame.REQUEST
                        : d[0] == RequestFrame.REPLY || d[0] == RequestFrame.ERROR)) {
                    wellFormed.add(d);
                }
            }
            List<Object> answers = serverSide ? out : in;
            if (answers.size() != wellFormed.size()) {
                throw new AssertionError(wellFormed.size() + " well-formed datagrams gave " + answers.size()
                        + (serverSide ? " replies" : " frames"));
            }
            for (int i = 0; i < answers.size(); i++) {
                byte[] expected = wellFormed.get(i).clone();
                if (serverSide) {
                    expected[0] = RequestFrame.REPLY;
                    DatagramPacket reply = (DatagramPacket) answers.get(i);
                    check(expected, ByteBufUtil.getBytes(reply.content()), PEER.equals(reply.recipient()));
                } else {
                    RequestFrame frame = (RequestFrame) answers.get(i);
                    ByteBuf seen = Unpooled.buffer().writeByte(frame.kind()).writeInt(frame.id())
                            .writeBytes(frame.content().duplicate());
                    try {
                        check(expected, ByteBufUtil.getBytes(seen), PEER.equals(frame.peer()));
                    } finally {
                        seen.release();
                    }
                }
            }
        } finally {
            Fuzzing.releaseAll(out);
            Fuzzing.releaseAll(in);
        }
        Fuzzing.assertAllReleased("datagram", written);
        Fuzzing.assertAllReleased(serverSide ? "reply" : "frame", serverSide ? out : in);
    }

    private static void check(byte[] expected, byte[] seen, boolean samePeer) {
        if (!Arrays.equals(expected, seen) || !samePeer) {
            throw new AssertionError("expected " + ByteBufUtil.hexDump(expected) + " for the peer, got "
                    + ByteBufUtil.hexDump(seen) + (samePeer ? "" : " for another address"));
        }
    }
}

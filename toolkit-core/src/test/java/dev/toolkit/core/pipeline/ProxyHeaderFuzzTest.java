package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.testing.fuzz.FuzzTarget;
import dev.toolkit.testing.fuzz.Fuzzing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fuzzes the PROXY protocol header reader as a server connection runs it: the detector, the decoder it adds
 * and the header handler, with the protocol behind them. Input layout: byte 0 picks the mode (even
 * {@link ProxyProtocol#REQUIRED}, odd {@link ProxyProtocol#OPTIONAL}), byte 1 the chunk size (1 to 256 bytes),
 * the rest is what the client sends.
 *
 * <p>Bad input may fail only with a toolkit exception. The protocol never sees bytes before the connection is
 * active for it, never sees the header itself, and every buffer is released.
 */
class ProxyHeaderFuzzTest {

    private static final Predicate<Throwable> CLEAR = Fuzzing.clearErrorsOf(ToolkitException.class);

    /** The protocol behind the header reader: takes and releases what reaches it. */
    private static final class Protocol extends ChannelInboundHandlerAdapter {
        final List<Object> received = new ArrayList<>();
        boolean active;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (active) {
                throw new AssertionError("the protocol saw the connection become active twice");
            }
            active = true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.add(msg);
            if (!active) {
                throw new AssertionError("the protocol got " + msg + " before the connection was active");
            }
            if (msg instanceof HAProxyMessage || !(msg instanceof ByteBuf)) {
                throw new AssertionError("the protocol got " + msg);
            }
            ((ByteBuf) msg).release();
        }
    }

    @FuzzTarget
    void readHeader(byte[] input) {
        Fuzzing.exercise(() -> readOnce(input), CLEAR);
    }

    private static void readOnce(byte[] input) {
        if (input.length < 2) {
            return;
        }
        ProxyProtocol mode = (input[0] & 1) == 0 ? ProxyProtocol.REQUIRED : ProxyProtocol.OPTIONAL;
        int chunk = (input[1] & 0xff) + 1;
        List<ByteBuf> written = Fuzzing.chunks(input, 2, chunk);
        Protocol protocol = new Protocol();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(ProxyProtocolDetector.NAME, new ProxyProtocolDetector(mode))
                .addLast(ProxyHeaderHandler.NAME, new ProxyHeaderHandler("fuzz", Duration.ofSeconds(10)))
                .addLast(protocol);
        channel.pipeline().fireChannelActive();
        Fuzzing.writeEachInbound(channel, written, CLEAR);
        Fuzzing.releaseAll(Fuzzing.finish(channel, CLEAR));
        if (mode == ProxyProtocol.REQUIRED && protocol.active && !startsLikeAHeader(input)) {
            throw new AssertionError("a connection without a PROXY header reached the protocol");
        }
        Fuzzing.assertAllReleased("client bytes", written);
        Fuzzing.assertAllReleased("bytes passed to the protocol", protocol.received);
    }

    private static final byte[] V1 = {'P', 'R', 'O', 'X', 'Y', ' '};
    private static final byte[] V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    /** Whether what the client sent (after the two layout bytes) starts with a version 1 or 2 signature. */
    private static boolean startsLikeAHeader(byte[] input) {
        return startsWith(input, V1) || startsWith(input, V2);
    }

    private static boolean startsWith(byte[] input, byte[] prefix) {
        return input.length - 2 >= prefix.length
                && Arrays.equals(input, 2, 2 + prefix.length, prefix, 0, prefix.length);
    }
}

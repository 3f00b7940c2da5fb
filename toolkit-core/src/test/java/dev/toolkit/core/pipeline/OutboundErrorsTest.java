package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.OutboundMessageException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.error.UnexpectedMessageException;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.MetricsRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages the connection cannot send, on {@link EmbeddedChannel}: the write's future fails with an
 * {@link OutboundMessageException} (an encoder refused it) or {@link UnexpectedMessageException} (nothing takes
 * its type), the failure is counted and logged once, and the connection goes on, since nothing was written;
 * writes that succeed are untouched.
 */
class OutboundErrorsTest {

    private final MetricsRecorder recorder = new MetricsRecorder();
    private final ConnectionMetrics metrics = recorder.metrics();
    private final RecordingLog log = new RecordingLog();

    /**
     * An embedded channel with a peer address, registered once the pipeline is installed; like a socket, it
     * takes only bytes.
     */
    private static final class PeerChannel extends EmbeddedChannel {
        private final InetSocketAddress remote;

        PeerChannel() throws Exception {
            super(EmbeddedChannel.builder().register(false));
            this.remote = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 40000);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }

        @Override
        protected Object filterOutboundMessage(Object msg) {
            if (msg instanceof ByteBuf) {
                return msg;
            }
            throw new UnsupportedMessageTypeException(msg, ByteBuf.class);
        }
    }

    /** A connection whose protocol frames lines of at most 16 bytes, then an application handler. */
    private PeerChannel lines() throws Exception {
        PeerChannel channel = new PeerChannel();
        ConnectionPipeline.create(PipelineSettings.builder().label("test-server").build(), recorder, log.logger())
                .installServer(channel, ch -> {
                    Framing.lines(16).addTo(ch.pipeline());
                    ch.pipeline().addLast("app", new ChannelInboundHandlerAdapter());
                }, null);
        channel.register();
        return channel;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void aFrameTooLongForItsEncoderFailsTheWriteWithAToolkitExceptionAndClosesTheConnection() throws Exception {
        PeerChannel channel = lines();
        ChannelFuture write = channel.writeAndFlush(ascii("this line is longer than sixteen bytes"));
        assertFalse(write.isSuccess());
        OutboundMessageException e = assertInstanceOf(OutboundMessageException.class, write.cause());
        assertEquals(ErrorKind.OUTBOUND, e.kind());
        assertEquals(ByteBuf.class.getName(), e.messageType());
        assertTrue(e.getMessage().contains("to /192.0.2.7:40000: outbound line frame of 38 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("(pipeline: toolkit-ready, toolkit-metrics, line-decoder, "
                + "line-encoder, toolkit-outbound-errors, app, toolkit-errors)"), e.getMessage());
        assertEquals(1, metrics.errors(ErrorKind.OUTBOUND));
        assertEquals(List.of("test-server: connection with /192.0.2.7:40000 failed: " + e.getMessage()),
                log.lines(Level.WARN));
        assertTrue(channel.isOpen(), "nothing of the message was written: the connection goes on");
        assertNull(channel.readOutbound(), "nothing of the message was written");
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aStringOnAPipelineThatSendsBytesNamesItsType() throws Exception {
        PeerChannel channel = new PeerChannel();
        ConnectionPipeline.create(PipelineSettings.builder().label("test-server").build(), recorder, log.logger())
                // Fixed-length frames are bytes only (text goes through line, delimiter and length-prefix framers).
                .installServer(channel, ch -> Framing.fixedLength(8).addTo(ch.pipeline()), null);
        channel.register();
        ChannelFuture write = channel.writeAndFlush("hello");
        UnexpectedMessageException e = assertInstanceOf(UnexpectedMessageException.class, write.cause());
        assertEquals("java.lang.String", e.messageType());
        assertTrue(e.getMessage().startsWith("cannot send a java.lang.String: "), e.getMessage());
        assertEquals(1, metrics.errors(e.kind()));
        assertEquals(1, log.lines(Level.WARN).size(), "logged once");
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void aWriteFromAProtocolHandlerPassesTheGuardToo() throws Exception {
        PeerChannel channel = new PeerChannel();
        ChannelFuture[] answer = new ChannelFuture[1];
        ConnectionPipeline.create(PipelineSettings.builder().label("test-server").build(), recorder, log.logger())
                .installServer(channel, ch -> {
                    Framing.lines(16).addTo(ch.pipeline());
                    ch.pipeline().addLast("answers", new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ((ByteBuf) msg).release();
                            answer[0] = ctx.writeAndFlush(ascii("an answer far too long for the framing"));
                        }
                    });
                }, null);
        channel.register();
        channel.writeInbound(ascii("question\n"));
        assertInstanceOf(OutboundMessageException.class, answer[0].cause());
        assertEquals(1, metrics.errors(ErrorKind.OUTBOUND));
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void aWriteWithoutAFutureIsReportedByTheErrorHandler() throws Exception {
        PeerChannel channel = lines();
        channel.writeAndFlush(ascii("this line is longer than sixteen bytes"), channel.voidPromise());
        assertEquals(1, metrics.errors(ErrorKind.OUTBOUND));
        List<String> warnings = log.lines(Level.WARN);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("cannot send a message to /192.0.2.7:40000: outbound line frame"),
                warnings.get(0));
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void writesThatFitPassUnchanged() throws Exception {
        PeerChannel channel = lines();
        ChannelFuture write = channel.writeAndFlush(ascii("short"));
        assertTrue(write.isSuccess());
        ByteBuf out = channel.readOutbound();
        assertEquals("short\r\n", out.toString(StandardCharsets.US_ASCII));
        out.release();
        assertTrue(channel.isOpen());
        assertEquals(0, metrics.errors(ErrorKind.OUTBOUND));
        assertFalse(channel.finishAndReleaseAll());
    }

    @Test
    void aWriteOnAClosedConnectionKeepsItsOwnFailure() throws Exception {
        PeerChannel channel = lines();
        channel.close();
        ChannelFuture write = channel.writeAndFlush(ascii("late"));
        assertFalse(write.isSuccess());
        assertFalse(write.cause() instanceof ToolkitException && ((ToolkitException) write.cause()).kind()
                == ErrorKind.OUTBOUND, String.valueOf(write.cause()));
        assertEquals(0, metrics.errors(ErrorKind.OUTBOUND));
        channel.finishAndReleaseAll();
    }
}

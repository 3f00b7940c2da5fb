package dev.toolkit.udp;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.pipeline.WireLogHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datagram wire log: each datagram in and out at DEBUG on the wire logger of toolkit-core
 * ({@link WireLogHandler#LOGGER_NAME}) with its peer address, which matters for datagrams, and its bytes as
 * escaped text; for {@link WireLog#HEX}, core's hex dump.
 */
@ChannelHandler.Sharable
final class DatagramWireLog extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WireLogHandler.LOGGER_NAME);

    /** The handler for {@code mode}, or {@code null} for {@link WireLog#OFF}. */
    static ChannelHandler forMode(WireLog mode) {
        switch (mode) {
            case TEXT:
                return new DatagramWireLog();
            case HEX:
                return WireLogHandler.forMode(WireLog.HEX);
            default:
                return null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (LOG.isDebugEnabled() && msg instanceof AddressedEnvelope) {
            AddressedEnvelope<?, ?> env = (AddressedEnvelope<?, ?>) msg;
            LOG.debug("{} READ from {} {}", ctx.channel(), env.sender(), describe(env.content()));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (LOG.isDebugEnabled()) {
            if (msg instanceof AddressedEnvelope) {
                AddressedEnvelope<?, ?> env = (AddressedEnvelope<?, ?>) msg;
                LOG.debug("{} WRITE to {} {}", ctx.channel(), env.recipient(), describe(env.content()));
            } else {
                LOG.debug("{} WRITE {}", ctx.channel(), describe(msg));
            }
        }
        ctx.write(msg, promise);
    }

    private static String describe(Object content) {
        if (content instanceof ByteBuf) {
            ByteBuf buf = (ByteBuf) content;
            return buf.readableBytes() + "B " + Excerpts.of(buf, buf.readerIndex(), buf.readableBytes(),
                    WireLogHandler.EXCERPT_LIMIT);
        }
        return String.valueOf(content);
    }
}

package dev.toolkit.udp;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.observe.WireLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.logging.ByteBufFormat;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import org.slf4j.Logger;

/**
 * The datagram wire log: each datagram in and out at DEBUG on the wire logger of toolkit-core
 * ({@link WireLog#LOGGER_NAME}) with its peer address, which matters for datagrams, and its bytes as
 * escaped text; for {@link WireLog#HEX}, Netty's hex dump on the same logger.
 */
@ChannelHandler.Sharable
final class DatagramWireLog extends ChannelDuplexHandler {

    private static final Logger LOG = Logging.logger(WireLog.LOGGER_NAME);

    /** The handler for {@code mode}, or {@code null} for {@link WireLog#OFF}. */
    static ChannelHandler forMode(WireLog mode) {
        switch (mode) {
            case TEXT:
                return new DatagramWireLog();
            case HEX:
                return new LoggingHandler(WireLog.LOGGER_NAME, LogLevel.DEBUG, ByteBufFormat.HEX_DUMP);
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
                    WireLog.EXCERPT_LIMIT);
        }
        return String.valueOf(content);
    }
}

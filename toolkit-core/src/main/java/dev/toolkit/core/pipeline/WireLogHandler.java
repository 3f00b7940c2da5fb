package dev.toolkit.core.pipeline;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.error.Excerpts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.handler.logging.ByteBufFormat;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import org.slf4j.Logger;

import java.util.Objects;

/**
 * The text wire log: every read and write of a connection logged at DEBUG as escaped text
 * ({@code b'Hi\r\n'}, see {@link Excerpts}), plus the connection's opening, end of input, output shutdown and
 * close. {@link #forMode(WireLog)} picks it, or Netty's hex dump, from a {@link WireLog} setting.
 */
@ChannelHandler.Sharable
final class WireLogHandler extends ChannelDuplexHandler {

    static final String LOGGER_NAME = WireLog.LOGGER_NAME;
    static final String NAME = ConnectionPipeline.WIRE_LOG;
    static final int EXCERPT_LIMIT = WireLog.EXCERPT_LIMIT;

    private final Logger log;

    /** A text wire log on the {@value #LOGGER_NAME} logger. */
    WireLogHandler() {
        this(Logging.logger(LOGGER_NAME));
    }

    /** A text wire log on {@code log}. */
    WireLogHandler(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The wire log handler for {@code mode}: this handler for {@link WireLog#TEXT}, Netty's
     * {@link LoggingHandler} hex dump on the same logger for {@link WireLog#HEX}, {@code null} for
     * {@link WireLog#OFF}. Both are sharable between connections.
     */
    static ChannelHandler forMode(WireLog mode) {
        switch (Objects.requireNonNull(mode, "mode")) {
            case TEXT:
                return new WireLogHandler();
            case HEX:
                return new LoggingHandler(LOGGER_NAME, LogLevel.DEBUG, ByteBufFormat.HEX_DUMP);
            default:
                return null;
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (log.isDebugEnabled()) {
            log.debug("{} ACTIVE", ctx.channel());
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (log.isDebugEnabled()) {
            log.debug("{} INACTIVE", ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (log.isDebugEnabled()) {
            log.debug("{} READ {}", ctx.channel(), describe(msg));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (log.isDebugEnabled()) {
            if (evt instanceof ChannelInputShutdownEvent) {
                log.debug("{} READ end of input", ctx.channel());
            } else if (evt instanceof ChannelOutputShutdownEvent) {
                log.debug("{} WRITE end of output (shut down)", ctx.channel());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (log.isDebugEnabled()) {
            log.debug("{} WRITE {}", ctx.channel(), describe(msg));
        }
        ctx.write(msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (log.isDebugEnabled()) {
            log.debug("{} CLOSE", ctx.channel());
        }
        ctx.close(promise);
    }

    private static String describe(Object msg) {
        ByteBuf buf = msg instanceof ByteBuf ? (ByteBuf) msg
                : msg instanceof ByteBufHolder ? ((ByteBufHolder) msg).content() : null;
        if (buf != null) {
            return buf.readableBytes() + "B " + Excerpts.of(buf, buf.readerIndex(), buf.readableBytes(), EXCERPT_LIMIT);
        }
        if (msg instanceof FileRegion) {
            return ((FileRegion) msg).count() + "B from a file region";
        }
        return String.valueOf(msg);
    }
}

package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.error.UnexpectedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.StringJoiner;

/**
 * Turns a message that could not be sent into a toolkit failure: sits right after the protocol's last
 * encoder (toward the tail), so every write of the application and of the protocol's handlers passes it on
 * its way to the encoders. When an encoder refuses the message ({@code EncoderException}: a frame too long for
 * its framing) the write's future fails with an {@link dev.toolkit.core.error.OutboundMessageException} naming
 * the message's type, the connection and the pipeline; when nothing takes its type (a {@code String} on a
 * pipeline that sends bytes), with an {@link UnexpectedMessageException} naming the type and the pipeline.
 * Either is counted and logged once by the error handler. The connection stays open and usable: nothing of
 * the refused message was written. Other write failures (a closed connection) pass unchanged.
 */
@ChannelHandler.Sharable
final class OutboundErrorHandler extends ChannelOutboundHandlerAdapter {

    static final String NAME = ConnectionPipeline.OUTBOUND_ERRORS;

    private final ConnectionErrorHandler errors;

    OutboundErrorHandler(ConnectionErrorHandler errors) {
        this.errors = errors;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (promise.isVoid()) {
            // No future to complete: the failure reaches the error handler as an exception event.
            ctx.write(msg, promise);
            return;
        }
        // Buffers by their interface: the allocator's class says nothing to the reader.
        String type = msg instanceof ByteBuf ? ByteBuf.class.getName() : msg.getClass().getName();
        ChannelPromise written = ctx.newPromise();
        written.addListener(f -> {
            if (f.isSuccess()) {
                promise.trySuccess();
            } else if (Exceptions.isOutbound(f.cause())) {
                ToolkitException e = Exceptions.isUnsupportedType(f.cause())
                        ? UnexpectedMessageException.outbound(msg, ctx.pipeline().names(), f.cause())
                        : Exceptions.mapWrite(f.cause(), type, String.valueOf(ClientAddress.of(ctx.channel())),
                                handlerNames(ctx));
                errors.record(ctx, e);
                promise.tryFailure(e);
            } else {
                promise.tryFailure(f.cause());
            }
        });
        ctx.write(msg, written);
    }

    /** The pipeline's handler names, head first. */
    private static String handlerNames(ChannelHandlerContext ctx) {
        StringJoiner names = new StringJoiner(", ");
        ctx.pipeline().names().stream().filter(n -> !n.startsWith("DefaultChannelPipeline$TailContext"))
                .forEach(names::add);
        return names.toString();
    }
}

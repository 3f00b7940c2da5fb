package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.ToolkitException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of the security stage, where a connection becomes ready: it lets {@code channelActive} through
 * once the connection is active and, with a security stage, once the handshake succeeded. At that moment it
 * installs the stages behind it and the protocol (through {@code installRest}), fires {@code channelActive}
 * to them and completes the ready promise. Until then it holds back every event: early reads are kept and
 * passed on at the ready moment, and a failure (a TLS handshake that failed or timed out) is reported through
 * the error handler, which logs it and closes the connection, so the protocol never sees it. One per
 * connection.
 */
final class ConnectionReadyHandler extends ChannelInboundHandlerAdapter {

    private final boolean secured;
    private final Runnable installRest;
    private final ConnectionErrorHandler errors;
    private final Promise<Channel> ready;
    private final List<Object> early = new ArrayList<>(0);
    private boolean active;
    private boolean done;

    ConnectionReadyHandler(boolean secured, Runnable installRest, ConnectionErrorHandler errors,
                           Promise<Channel> ready) {
        this.secured = secured;
        this.installRest = installRest;
        this.errors = errors;
        this.ready = ready;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active = true;
        if (!secured) {
            becomeReady(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (done) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess() && active) {
                becomeReady(ctx);
                ctx.fireUserEventTriggered(evt);
            } else if (!handshake.isSuccess()) {
                fail(ctx, handshake.cause());
            }
            return;
        }
        ReferenceCountUtil.release(evt);
    }

    private void becomeReady(ChannelHandlerContext ctx) {
        done = true;
        try {
            installRest.run();
        } catch (RuntimeException e) {
            // The protocol could not be set up on this connection (a handler that cannot be shared, say):
            // reported like any other failure before the ready moment, and this connection only is closed.
            fail(ctx, e);
            return;
        }
        ctx.fireChannelActive();
        if (!early.isEmpty()) {
            for (Object msg : early) {
                ctx.fireChannelRead(msg);
            }
            early.clear();
            ctx.fireChannelReadComplete();
        }
        ready.trySuccess(ctx.channel());
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        done = true;
        releaseEarly();
        // The promise first: closing fails it too, with less to say.
        ready.tryFailure(errors.record(ctx, cause));
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (done) {
            if (ready.isSuccess()) {
                ctx.fireChannelRead(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        early.add(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ready.isSuccess()) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ready.isSuccess()) {
            ctx.fireExceptionCaught(cause);
        } else if (!done) {
            fail(ctx, cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ready.isSuccess()) {
            ctx.fireChannelInactive();
            return;
        }
        notReady(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseEarly();
        if (!ready.isDone()) {
            notReady(ctx);
        }
    }

    private void notReady(ChannelHandlerContext ctx) {
        done = true;
        releaseEarly();
        ready.tryFailure(new ConnectionClosedException(ConnectionClosedException.Side.REMOTE,
                secured ? "before the TLS handshake ended" : "before it was ready", 0, null));
    }

    private void releaseEarly() {
        for (Object msg : early) {
            ReferenceCountUtil.release(msg);
        }
        early.clear();
    }
}

package dev.toolkit.http.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The codec's last inbound handler: gives every failed message an {@link HttpRequestRejectedException} as its
 * cause (Netty's own failures mapped by {@link HttpRequestRejectedException#of(HttpObject)}), passes the first
 * failure on, and from then on drops (and releases) everything else the connection sends: after a rejection the
 * stream can no longer be trusted, and the server answers and closes. It also tells the scanner in front of the
 * decoder to stop reading. Netty's codec throws only when more requests are pipelined than it keeps track of;
 * that too becomes a failed request (429), so the server has one way to learn of every refusal. One per
 * connection.
 */
final class RejectionGate extends ChannelInboundHandlerAdapter {

    private final Rejection rejection;
    private boolean failed;

    RejectionGate(Rejection rejection) {
        this.rejection = rejection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject && ((HttpObject) msg).decoderResult().isFailure()) {
            HttpObject message = (HttpObject) msg;
            HttpRequestRejectedException cause = HttpRequestRejectedException.of(message);
            if (cause != message.decoderResult().cause()) {
                message.setDecoderResult(DecoderResult.failure(cause));
            }
            failed = true;
            rejection.reject();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof DecoderException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (failed) {
            return;
        }
        // HttpServerCodec refuses a request past its pipeline depth by throwing (an IllegalStateException), having
        // released what it decoded; it discards the rest of the input.
        HttpRequestRejectedException refusal = cause.getCause() instanceof IllegalStateException
                ? new HttpRequestRejectedException(HttpResponseStatus.TOO_MANY_REQUESTS, "more than "
                        + ServerCodec.MAX_PIPELINE_DEPTH + " requests pipelined ahead of their answers", null, cause)
                : HttpRequestRejectedException.of(cause.getCause() == null ? cause : cause.getCause(), false);
        failed = true;
        rejection.reject();
        ctx.fireChannelRead(Rejection.failedHead(refusal));
    }
}

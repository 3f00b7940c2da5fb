package dev.toolkit.http.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The codec's last inbound handler: gives every failed message an {@link HttpRequestRejectedException} as its
 * cause (Netty's own failures mapped by {@link HttpRequestRejectedException#of(HttpObject)}), passes the first
 * failure on, and from then on drops (and releases) everything else the connection sends: after a rejection the
 * stream can no longer be trusted, and the server answers and closes. It also tells the scanner in front of the
 * decoder to stop reading. One per connection.
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
}

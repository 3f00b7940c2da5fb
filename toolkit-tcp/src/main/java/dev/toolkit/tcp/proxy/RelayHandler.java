package dev.toolkit.tcp.proxy;

import dev.toolkit.core.observe.Logging;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.slf4j.Logger;

import java.util.Objects;

/**
 * Relays what one channel reads to its peer channel: one instance on each of the two channels of a relayed
 * connection (install both with {@link #link(Channel, Channel, String)}).
 *
 * <ul>
 * <li>Back-pressure: when the peer stops being writable (its queue passed the high water mark), this channel
 * stops reading; when the peer drains below the low water mark, its own relay handler makes this channel read
 * again. So the bytes buffered for a slow reader stay bounded by the water marks.</li>
 * <li>Half-close (needs {@code ALLOW_HALF_CLOSURE} on both channels): when this channel's input ends, the
 * peer's output is shut down once everything before it has been written; when both inputs have ended, both
 * channels close.</li>
 * <li>When either channel closes, the other is closed after its queued bytes are flushed.</li>
 * </ul>
 * Both channels should run on the same event loop, so that neither ever waits for the other's thread.
 */
public final class RelayHandler extends ChannelInboundHandlerAdapter {

    /** The handler's name in each pipeline. */
    public static final String NAME = "toolkit-relay";

    private static final Logger LOG = Logging.logger(RelayHandler.class);

    private final Channel peer;

    /**
     * @param peer the channel that receives what this handler's channel reads
     */
    public RelayHandler(Channel peer) {
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    /**
     * Relays {@code a} and {@code b} to each other: adds a {@link RelayHandler} before {@code beforeName} (or
     * last when {@code null}) in each pipeline, then lets both read.
     *
     * @param a one channel, for example the accepted client connection
     * @param b the other, for example the connection to the backend
     * @param beforeName the name of a handler in both pipelines that must stay behind the relay (such as an
     *     error handler), or {@code null}
     */
    public static void link(Channel a, Channel b, String beforeName) {
        add(a, new RelayHandler(b), beforeName);
        add(b, new RelayHandler(a), beforeName);
        resumeReading(a);
        resumeReading(b);
    }

    /** Turns reading on, unless the channel is closed or its input has already ended (nothing to read). */
    private static void resumeReading(Channel channel) {
        boolean inputEnded = channel instanceof DuplexChannel && ((DuplexChannel) channel).isInputShutdown();
        if (channel.isActive() && !inputEnded) {
            channel.config().setAutoRead(true);
        }
    }

    private static void add(Channel channel, RelayHandler relay, String beforeName) {
        if (beforeName != null && channel.pipeline().get(beforeName) != null) {
            channel.pipeline().addBefore(beforeName, NAME, relay);
        } else {
            channel.pipeline().addLast(NAME, relay);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            // Stop reading until the peer has drained (its channelWritabilityChanged turns reading back on),
            // then flush: a flush that drains at once turns it back on straight away.
            ctx.channel().config().setAutoRead(false);
            peer.flush();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This channel drained below its low water mark: the peer, which feeds it, may read again.
        if (ctx.channel().isWritable()) {
            resumeReading(peer);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded(ctx.channel());
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void inputEnded(Channel self) {
        LOG.debug("{} sent its end of input; shutting down the output to {}", self.remoteAddress(),
                peer.remoteAddress());
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (!(peer instanceof DuplexChannel) || !written.isSuccess()) {
                closeBoth(self);
                return;
            }
            ((DuplexChannel) peer).shutdownOutput().addListener(shut -> {
                boolean bothEnded = self instanceof DuplexChannel && ((DuplexChannel) self).isInputShutdown()
                        && ((DuplexChannel) peer).isInputShutdown();
                if (!shut.isSuccess() || bothEnded) {
                    closeBoth(self);
                }
            });
        });
    }

    private void closeBoth(Channel self) {
        self.close();
        peer.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireChannelInactive();
    }
}

package dev.toolkit.core.pipeline;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading from a connection while it is not writable (more bytes queued for it than the high water
 * mark) and resumes once it is writable again, so that a peer that sends requests without reading the answers
 * cannot make the server queue answers without end. Leaves auto-read alone when the protocol turned it off
 * itself. One instance per connection.
 */
final class BackPressureHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = ConnectionPipeline.BACK_PRESSURE;

    private boolean paused;

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ChannelConfig config = ctx.channel().config();
        if (!ctx.channel().isWritable()) {
            if (config.isAutoRead()) {
                paused = true;
                config.setAutoRead(false);
            }
        } else if (paused) {
            paused = false;
            config.setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;

import java.nio.charset.StandardCharsets;

/**
 * A test protocol that answers every line with the id of the process serving it, so that a test sees which
 * worker process answered; it prints {@code accepted by PID} for every connection it accepts.
 */
public final class PidProtocol implements ProtocolDefinition {

    /** The id of this process. */
    static final long PID = ProcessHandle.current().pid();

    /** Created by name in each worker process. */
    public PidProtocol() {
    }

    @Override
    public void initialize(Channel channel) {
        channel.pipeline().addLast(new LineBasedFrameDecoder(256), new StringDecoder(StandardCharsets.US_ASCII),
                new StringEncoder(StandardCharsets.US_ASCII), new PidHandler());
    }

    private static final class PidHandler extends SimpleChannelInboundHandler<String> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            System.out.println("accepted by " + PID);
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            ctx.writeAndFlush(PID + "\n");
        }
    }
}

package dev.toolkit.tls;

import dev.toolkit.core.pipeline.ClientAddress;
import dev.toolkit.core.pipeline.ExchangeEvent;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslHandler;

import java.nio.charset.StandardCharsets;

/**
 * A line protocol for the pipeline tests, public with a no-argument constructor so that MULTI_PROCESS workers
 * can make it: {@code who} is answered with the client's address (as the PROXY header named it) and the TLS
 * version; {@code hold} begins an exchange ({@link ExchangeEvent#BEGIN}, answered {@code holding}) that
 * {@code release} ends (answered {@code released}), so a draining server waits between the two.
 */
public final class WhoProtocol implements ProtocolDefinition {

    /** Made by class name in worker processes. */
    public WhoProtocol() {
    }

    @Override
    public void initialize(Channel channel) {
        channel.pipeline().addLast(new LineBasedFrameDecoder(256), new SimpleChannelInboundHandler<ByteBuf>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                String command = line.toString(StandardCharsets.US_ASCII).trim();
                String answer = switch (command) {
                    case "who" -> ClientAddress.of(ctx.channel()).toString().replaceFirst("^[^/]*/", "") + " "
                            + tlsVersion(ctx.channel());
                    case "hold" -> {
                        ctx.channel().pipeline().fireUserEventTriggered(ExchangeEvent.BEGIN);
                        yield "holding";
                    }
                    case "release" -> "released";
                    default -> "unknown " + command;
                };
                ctx.writeAndFlush(Unpooled.copiedBuffer(answer + "\n", StandardCharsets.US_ASCII));
                if (command.equals("release")) {
                    ctx.channel().pipeline().fireUserEventTriggered(ExchangeEvent.END);
                }
            }
        });
    }

    private static String tlsVersion(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        return ssl == null ? "plaintext" : ssl.engine().getSession().getProtocol();
    }
}

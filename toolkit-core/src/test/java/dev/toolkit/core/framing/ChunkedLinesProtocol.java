package dev.toolkit.core.framing;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.nio.charset.StandardCharsets;

/**
 * A protocol that switches framing mid-connection, as SMTP's BDAT does: lines, where {@code BDAT n} announces
 * a chunk of exactly n bytes, after which lines resume. Answers {@code line TEXT} for a line and
 * {@code chunk TEXT} for a chunk, each ended with CRLF. Public with a public constructor, so that worker
 * processes can make it.
 */
public final class ChunkedLinesProtocol implements ProtocolDefinition {

    static final String LINE_DECODER = "line-decoder";

    @Override
    public void initialize(Channel channel) {
        channel.pipeline().addLast(LINE_DECODER, Framing.lines(64).newDecoder());
        channel.pipeline().addLast(new Handler());
    }

    private static final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
        private String chunkDecoder;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            String text = frame.toString(StandardCharsets.ISO_8859_1);
            if (chunkDecoder != null) {
                String decoder = chunkDecoder;
                chunkDecoder = null;
                answer(ctx, "chunk " + text);
                Framing.lines(64).replaceDecoder(ctx.pipeline(), decoder);
            } else if (text.startsWith("BDAT ")) {
                int size = Integer.parseInt(text.substring(5));
                // State first: the chunk may be delivered before replaceDecoder returns.
                chunkDecoder = Framing.fixedLength(size).name() + "-decoder";
                Framing.fixedLength(size).replaceDecoder(ctx.pipeline(), LINE_DECODER);
            } else {
                answer(ctx, "line " + text);
            }
        }

        private static void answer(ChannelHandlerContext ctx, String text) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(text + "\r\n", StandardCharsets.ISO_8859_1));
        }
    }
}

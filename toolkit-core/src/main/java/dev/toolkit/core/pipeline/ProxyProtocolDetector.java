package dev.toolkit.core.pipeline;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * First handler of a server connection that reads the PROXY protocol: looks at the first bytes (as many as it
 * takes to tell, at most 12) and, when they start a version 1 or 2 header, puts Netty's
 * {@link HAProxyMessageDecoder} behind itself, which decodes the header and then removes itself. When they do
 * not, the connection fails ({@link ProxyProtocol#REQUIRED}) or is served as it is
 * ({@link ProxyProtocol#OPTIONAL}). Either way this handler removes itself once it has decided, passing on the
 * bytes it held. One instance per connection.
 */
final class ProxyProtocolDetector extends ChannelInboundHandlerAdapter {

    static final String NAME = ConnectionPipeline.PROXY_DETECT;
    static final String DECODER_NAME = ConnectionPipeline.PROXY_DECODER;

    private final ProxyProtocol mode;
    private ByteBuf held;
    private boolean failed;

    ProxyProtocolDetector(ProxyProtocol mode) {
        this.mode = mode;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        held = held == null ? (ByteBuf) msg : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), held,
                (ByteBuf) msg);
        // Netty's detection waits for 12 bytes; a short first message that cannot start a header (a client's
        // 5-byte question) is refused at once instead of waiting for bytes that never come.
        ProtocolDetectionResult<HAProxyProtocolVersion> result = couldStartHeader(held)
                ? HAProxyMessageDecoder.detectProtocol(held) : ProtocolDetectionResult.invalid();
        switch (result.state()) {
            case NEEDS_MORE_DATA:
                return;
            case DETECTED:
                ctx.pipeline().addAfter(ctx.name(), DECODER_NAME, new HAProxyMessageDecoder());
                passOn(ctx);
                return;
            default:
                if (mode == ProxyProtocol.REQUIRED) {
                    failed = true;
                    String excerpt = Excerpts.of(held);
                    held.release();
                    held = null;
                    ctx.fireExceptionCaught(new ProtocolViolationException(
                            "the connection did not start with a PROXY protocol header", excerpt, null));
                    return;
                }
                ProxyHeaderHandler header = ctx.pipeline().get(ProxyHeaderHandler.class);
                if (header != null) {
                    header.proceedWithoutHeader();
                }
                passOn(ctx);
        }
    }

    private static final byte[] V1_PREFIX = {'P', 'R', 'O', 'X', 'Y', ' '};
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
        0x0A};

    /** Whether the bytes so far agree with the start of a version 1 or a version 2 header. */
    static boolean couldStartHeader(ByteBuf bytes) {
        return agrees(bytes, V1_PREFIX) || agrees(bytes, V2_SIGNATURE);
    }

    private static boolean agrees(ByteBuf bytes, byte[] prefix) {
        int n = Math.min(bytes.readableBytes(), prefix.length);
        for (int i = 0; i < n; i++) {
            if (bytes.getByte(bytes.readerIndex() + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void passOn(ChannelHandlerContext ctx) {
        ByteBuf bytes = held;
        held = null;
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(bytes);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}

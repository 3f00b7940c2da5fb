package dev.toolkit.udp;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The request/response layer over UDP: every request carries an ID that its reply repeats, so a client can
 * match replies to requests, retry with the same ID after a time-out, and drop stray and duplicate replies
 * (see {@link RequestClient}).
 *
 * <p>Each datagram is one frame: a kind byte ({@code 'Q'} = 0x51 request, {@code 'R'} = 0x52 reply,
 * {@code 'E'} = 0x45 error reply), the request ID as 4 bytes big-endian (unsigned), then the payload; an
 * error reply's payload is a UTF-8 message. A malformed datagram is dropped, counted in
 * {@link DatagramMetrics#malformed()} and reported to the server's error listener; the server goes on.
 */
public final class RequestProtocol {

    private RequestProtocol() {
    }

    /**
     * The server side: decodes requests, hands each to {@code handler} and sends its reply.
     *
     * @return a protocol for {@link UdpServer#bind(UdpServerConfig, ProtocolDefinition)}
     */
    public static ProtocolDefinition server(RequestHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return channel -> channel.pipeline()
                .addLast("toolkit-request-codec", new RequestFrameCodec(true))
                .addLast("toolkit-request-server", new ServerHandler(handler));
    }

    /** Calls the handler for each request and writes its reply (or error reply) with the request's ID. */
    private static final class ServerHandler extends SimpleChannelInboundHandler<RequestFrame> {
        private final RequestHandler handler;

        ServerHandler(RequestHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RequestFrame frame) {
            Datagram request = Datagram.owning(ByteBufUtil.getBytes(frame.content()), frame.peer(), null);
            byte kind = RequestFrame.REPLY;
            byte[] reply;
            try {
                reply = handler.handle(request);
            } catch (IllegalArgumentException e) {
                Endpoint.of(ctx.channel()).errors().report(frame.peer(), e);
                kind = RequestFrame.ERROR;
                reply = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                Endpoint.of(ctx.channel()).errors().report(frame.peer(), e);
                kind = RequestFrame.ERROR;
                reply = "internal error".getBytes(StandardCharsets.UTF_8);
            }
            if (reply != null) {
                // written now, flushed once per read burst (channelReadComplete): one system call can then
                // carry several replies on transports that batch datagrams
                ctx.write(new RequestFrame(kind, frame.id(), Unpooled.wrappedBuffer(reply), frame.peer()))
                        .addListener(f -> {
                            if (!f.isSuccess()) {
                                Endpoint.of(ctx.channel()).errors().report(frame.peer(), f.cause());
                            }
                        });
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }
    }
}

package dev.toolkit.examples.ch07;

import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.tcp.zen.Aphorisms;
import dev.toolkit.tcp.zen.ZenHandler;
import dev.toolkit.tcp.zen.ZenListener;
import dev.toolkit.tcp.zen.ZenProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import picocli.CommandLine.Command;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Chapter 7's {@code srv_legacy2.py}: the {@code asyncore}/{@code asynchat} style. The server dispatcher
 * creates one {@link ZenRequestHandler} per accepted socket; the handler sets a terminator ({@code ?}) and
 * gets two callbacks: {@link AsyncChat#collectIncomingData} with each piece of bytes before the terminator,
 * and {@link AsyncChat#foundTerminator} when the terminator arrives; {@link AsyncChat#push} queues an answer.
 * Underneath is Netty's event loop, which is what {@code asyncore.loop()} was.
 */
@Command(name = "srv_legacy2", description = "Uses the legacy \"asyncore\" and \"asynchat\" modules to write a server")
public final class SrvLegacy2 extends ZenServerCommand {

    @Override
    ZenLines lines() {
        return ZenLines.ASYNCHAT;
    }

    @Override
    ProtocolDefinition configure(ServerConfig.Builder server) {
        ZenListener lines = lines().printer(out());
        server.architecture(Architecture.EVENT_LOOP);
        // asyncore.dispatcher.handle_accept(): one request handler per accepted socket
        return channel -> channel.pipeline().addLast(new ZenRequestHandler(lines));
    }

    /** {@code class ZenRequestHandler(asynchat.async_chat)}. */
    static final class ZenRequestHandler extends AsyncChat {
        private final ZenListener lines;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        ZenRequestHandler(ZenListener lines) {
            this.lines = lines;
            setTerminator((byte) '?');
        }

        @Override
        void connected(InetSocketAddress address) {
            lines.accepted(address);
        }

        @Override
        void collectIncomingData(byte[] moreData) {
            if (data.size() + moreData.length > ZenProtocol.MAX_QUESTION) {
                lines.failed(address(), new IllegalStateException("question longer than "
                        + ZenProtocol.MAX_QUESTION + " bytes"));
                pushAndClose(Aphorisms.TOO_LONG.getBytes(StandardCharsets.US_ASCII));
                return;
            }
            data.writeBytes(moreData);
        }

        @Override
        void foundTerminator() {
            push(Aphorisms.answer(data.toByteArray()));
            data.reset();
        }

        @Override
        void closed() {
            if (data.size() > 0) {
                lines.closedMidQuestion(address(), data.toByteArray());
            } else {
                lines.closed(address());
            }
        }
    }

    /**
     * The part of {@code asynchat.async_chat} the book uses, on Netty: splits incoming bytes at the terminator
     * and calls back. One instance per connection.
     */
    abstract static class AsyncChat extends ChannelInboundHandlerAdapter {
        private byte terminator;
        private ChannelHandlerContext ctx;
        private InetSocketAddress address;
        private boolean closing;

        /** {@code set_terminator()}. */
        final void setTerminator(byte terminator) {
            this.terminator = terminator;
        }

        /** The client's address. */
        final InetSocketAddress address() {
            return address;
        }

        /** {@code push()}: queues bytes to send. */
        final void push(byte[] bytes) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }

        /** Sends the bytes, then closes ({@code close_when_done()}). */
        final void pushAndClose(byte[] bytes) {
            closing = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(ChannelFutureListener.CLOSE);
        }

        void connected(InetSocketAddress address) {
        }

        abstract void collectIncomingData(byte[] data);

        abstract void foundTerminator();

        abstract void closed();

        @Override
        public final void channelActive(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            this.address = (InetSocketAddress) ctx.channel().remoteAddress();
            connected(address);
            ctx.fireChannelActive();
        }

        @Override
        public final void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (in.isReadable() && !closing) {
                    int at = in.indexOf(in.readerIndex(), in.writerIndex(), terminator);
                    if (at < 0) {
                        collectIncomingData(ByteBufUtil.getBytes(in));
                        in.skipBytes(in.readableBytes());
                    } else {
                        byte[] piece = new byte[at - in.readerIndex()];
                        in.readBytes(piece);
                        in.skipBytes(1);
                        collectIncomingData(piece);
                        if (!closing) {
                            foundTerminator();
                        }
                    }
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ZenHandler.clientLeftMidQuestion(cause)) {
                return; // handle_close(): channelInactive, which follows, reports it
            }
            ctx.fireExceptionCaught(cause);
        }

        @Override
        public final void channelInactive(ChannelHandlerContext ctx) {
            if (!closing) {
                closed();
            }
            ctx.fireChannelInactive();
        }
    }
}

package dev.toolkit.examples.ch05;

import dev.toolkit.core.client.Connector;
import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.ProtocolViolationException;
import dev.toolkit.core.framing.Framer;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.examples.support.Sockets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Chapter 5's {@code streamer.py}: a message delimited by end of file. The client sends three lines and
 * closes; the server, having shut down its own write side, reads until end of file, printing the size of
 * every read, then prints the whole message.
 *
 * <p>The server keeps at most {@link #MAX_MESSAGE} bytes (the original grows its buffer without bound) and
 * reads at most 8192 bytes at a time, like the original's {@code recv(8192)}.
 */
@Command(name = "streamer", description = "Transmit & receive a data stream over TCP, delimited by end of file")
public final class Streamer extends ClientOrServer {

    /** The longest message the server accepts: 1 MiB. */
    public static final int MAX_MESSAGE = 1 << 20;

    private static final Framer UNTIL_EOF = Framing.endOfFile(MAX_MESSAGE);

    @Override
    void server(String host, int port) throws IOException, InterruptedException {
        serveOnce(host, port, sc -> {
            sc.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(8192)); // recv(8192)
            sc.pipeline().addLast(new ReadPrinter(), UNTIL_EOF.newDecoder(), new MessagePrinter());
        });
    }

    @Override
    void client(String host, int port) {
        try (Connector connector = Connector.create(Sockets.HALF_CLOSABLE)) {
            Channel sock = connector.connect(host, port, ch -> { });
            Sockets.shutdownInput(sock);
            Sockets.sendall(sock, ascii("Beautiful is better than ugly.\n"));
            Sockets.sendall(sock, ascii("Explicit is better than implicit.\n"));
            Sockets.sendall(sock, ascii("Simple is better than complex.\n"));
            sock.close().syncUninterruptibly();
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    /** Prints the size of every read, as the original's loop over {@code recv()} does; passes the bytes on. */
    private final class ReadPrinter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            out().println("Received " + ((ByteBuf) msg).readableBytes() + " bytes");
            ctx.fireChannelRead(msg);
        }
    }

    /** Holds the message the end-of-file framer delivers and prints it once the input has ended. */
    private final class MessagePrinter extends ChannelInboundHandlerAdapter {
        private ByteBuf message = Unpooled.EMPTY_BUFFER;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            message.release();
            message = (ByteBuf) msg;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (!(evt instanceof ChannelInputShutdownEvent)) {
                ctx.fireUserEventTriggered(evt);
                return;
            }
            out().println("Received zero bytes - end of file");
            out().println("Message:");
            out().println();
            out().println(decodeAscii(message));
            ctx.close();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            ReferenceCountUtil.release(message);
            message = Unpooled.EMPTY_BUFFER;
        }

        private String decodeAscii(ByteBuf bytes) {
            try {
                return StandardCharsets.US_ASCII.newDecoder().decode(bytes.nioBuffer()).toString();
            } catch (CharacterCodingException e) {
                throw new ProtocolViolationException("the message is not ASCII", Excerpts.of(bytes), e);
            }
        }
    }
}

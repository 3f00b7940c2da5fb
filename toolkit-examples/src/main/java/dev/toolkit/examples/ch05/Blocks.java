package dev.toolkit.examples.ch05;

import dev.toolkit.core.client.Connector;
import dev.toolkit.core.framing.Framer;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.examples.support.Sockets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import picocli.CommandLine.Command;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Chapter 5's {@code blocks.py}: messages framed by a length prefix. Each block is sent as a 4-byte big-endian
 * length (Python's {@code struct.Struct('!I')}) followed by that many bytes; a zero-length block ends the
 * stream. The server shuts down its write side at once and prints every block; the client shuts down its read
 * side and sends three blocks and the empty one.
 *
 * <p>The server accepts blocks of up to {@link #MAX_BLOCK} bytes (the prefix could announce 4 GiB - 1); a
 * longer one is a protocol error. A stream that ends inside a block is an {@link EOFException}
 * ({@code socket closed with N bytes left in this block}), counting what the original's {@code recvall()}
 * still waited for.
 */
@Command(name = "blocks", description = "Transmit & receive blocks over TCP, each prefixed by its length")
public final class Blocks extends ClientOrServer {

    /** The length prefix: 4 bytes, big-endian. */
    public static final int HEADER_SIZE = 4;

    /** The longest block the server accepts: 1 MiB. */
    public static final int MAX_BLOCK = 1 << 20;

    private static final Framer BLOCKS = Framing.lengthPrefix(HEADER_SIZE, MAX_BLOCK);

    @Override
    void server(String host, int port) throws IOException, InterruptedException {
        serveOnce(host, port, sc -> {
            BlockProgress progress = new BlockProgress();
            sc.pipeline().addLast(progress, BLOCKS.newDecoder(), new BlockPrinter(progress));
        });
    }

    @Override
    void client(String host, int port) {
        try (Connector connector = Connector.create(Sockets.HALF_CLOSABLE)) {
            Channel sock = connector.connect(host, port, ch -> ch.pipeline().addLast(BLOCKS.newEncoder()));
            Sockets.shutdownInput(sock);
            putBlock(sock, "Beautiful is better than ugly.");
            putBlock(sock, "Explicit is better than implicit.");
            putBlock(sock, "Simple is better than complex.");
            putBlock(sock, "");
            sock.close().syncUninterruptibly();
        }
    }

    /** Sends one block; the framer's encoder writes the length prefix before it. */
    private static void putBlock(Channel sock, String message) {
        Sockets.sendall(sock, Unpooled.copiedBuffer(message, StandardCharsets.US_ASCII));
    }

    /** Prints each block until the empty one, then closes; an end of input before it is an EOF error. */
    private final class BlockPrinter extends ChannelInboundHandlerAdapter {
        private final BlockProgress progress;
        private boolean done;

        BlockPrinter(BlockProgress progress) {
            this.progress = progress;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf block = (ByteBuf) msg;
            try {
                if (done) {
                    return;
                }
                if (!block.isReadable()) {
                    done = true;
                    ctx.close();
                } else {
                    out().println("Block says: " + PythonFormat.repr(block));
                }
            } finally {
                block.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent && !done) {
                ctx.fireExceptionCaught(endOfFile());
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A framing decoder may itself object to the input ending inside a frame; report that as the
            // original does.
            boolean inputEnded = ((DuplexChannel) ctx.channel()).isInputShutdown();
            ctx.fireExceptionCaught(inputEnded && !done ? endOfFile() : cause);
        }

        private EOFException endOfFile() {
            done = true;
            return new EOFException("socket closed with " + progress.left() + " bytes left in this block");
        }
    }

    /**
     * Follows the stream as the original's {@code recvall()} calls do, without consuming it, to know how many
     * bytes the current read still waits for: the rest of the 4-byte prefix, or the rest of the block.
     */
    private static final class BlockProgress extends ChannelInboundHandlerAdapter {
        private int prefixBytes;
        private long prefix;
        private long blockLeft = -1;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            int i = in.readerIndex();
            while (i < in.writerIndex()) {
                if (blockLeft < 0) {
                    prefix = prefix << 8 | in.getUnsignedByte(i++);
                    if (++prefixBytes == HEADER_SIZE) {
                        blockLeft = prefix > 0 ? prefix : -1;
                        prefixBytes = 0;
                        prefix = 0;
                    }
                } else {
                    int step = (int) Math.min(blockLeft, in.writerIndex() - i);
                    i += step;
                    blockLeft -= step;
                    if (blockLeft == 0) {
                        blockLeft = -1;
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }

        /** What the read in progress still waits for. */
        long left() {
            return blockLeft < 0 ? HEADER_SIZE - prefixBytes : blockLeft;
        }
    }
}

package dev.toolkit.examples.ch03;

import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.tcp.TcpServer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What {@code tcp_deadlock} and its safe variant share: the command line
 * {@code client|server host [bytecount=16] [-p PORT]}, the message {@code capitalize this!} repeated to
 * {@code bytecount} rounded up to a multiple of 16, and the server. The server (blocking, one client at a
 * time, SO_REUSEADDR, backlog 1) reads 1024 bytes at a time, upper-cases them and writes them back with a
 * blocking send before reading more, printing its progress; at the end of the client's data it closes.
 */
abstract class Capitalize extends RoleHostPort {

    /** The 16-byte message the client repeats. */
    static final byte[] MESSAGE = "capitalize this!".getBytes(StandardCharsets.US_ASCII);
    /** The server's read size. */
    static final int CHUNK = 1024;

    @Parameters(index = "2", arity = "0..1", paramLabel = "bytecount", defaultValue = "16",
            description = "number of bytes for client to send (default 16)")
    private long bytecount;

    /** The byte count asked for, rounded up to a multiple of 16. */
    final long bytecount() {
        return (bytecount + 15) / 16 * 16;
    }

    /** {@code n} bytes of the repeated message (n a multiple of 16). */
    static byte[] message(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i += MESSAGE.length) {
            System.arraycopy(MESSAGE, 0, data, i, MESSAGE.length);
        }
        return data;
    }

    @Override
    final void server(String host, int port) throws InterruptedException {
        ServerConfig config = ServerConfig.builder().host(host).port(port).backlog(1).reuseAddress(true)
                .architecture(Architecture.SINGLE_CLIENT).allowHalfClosure(true).idleTimeout(null)
                .name("tcp_deadlock").build();
        try (RunningServer sock = TcpServer.bind(config, ch -> ch.pipeline().addLast(new UpperCaser()))) {
            out().println("Listening at " + PythonFormat.sockname(sock.localAddress()));
            sock.awaitClosed();
        }
    }

    /** The server's side of one connection. */
    private final class UpperCaser extends ChannelInboundHandlerAdapter {
        private long n;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            out().println("Processing up to " + CHUNK + " bytes at a time from "
                    + PythonFormat.sockname(ctx.channel().remoteAddress()));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (in.isReadable()) {
                    byte[] data = new byte[Math.min(CHUNK, in.readableBytes())];
                    in.readBytes(data);
                    byte[] output = new String(data, StandardCharsets.US_ASCII).toUpperCase()
                            .getBytes(StandardCharsets.US_ASCII);
                    // On this blocking server a flushed write returns once the socket took it: sendall().
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(output));
                    n += data.length;
                    out().print("\r  " + n + " bytes processed so far ");
                    out().flush();
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            out().println();
            out().println("  Socket closed");
            ctx.fireChannelInactive();
        }
    }

    /** Chunks of the message to send, {@code piece} bytes each (the last may be shorter). */
    static Iterable<byte[]> pieces(long total, int piece) {
        byte[] full = message(piece);
        return () -> new java.util.Iterator<>() {
            private long sent;

            @Override
            public boolean hasNext() {
                return sent < total;
            }

            @Override
            public byte[] next() {
                int n = (int) Math.min(piece, total - sent);
                sent += n;
                return n == piece ? full : Arrays.copyOf(full, n);
            }
        };
    }
}

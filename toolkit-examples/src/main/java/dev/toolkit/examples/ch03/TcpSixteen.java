package dev.toolkit.examples.ch03;

import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.TcpClient;
import dev.toolkit.tcp.TcpConnection;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.tcp.TcpServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import picocli.CommandLine.Command;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;

/**
 * Chapter 3's {@code tcp_sixteen.py}: the client sends exactly 16 bytes, {@code Hi there, server}; the server
 * answers exactly 16, {@code Farewell, client}, and closes. Both read with {@code recvall()}: a stream may
 * deliver the 16 bytes in several pieces, and one that ends short is an {@link EOFException}. The server
 * (SO_REUSEADDR, backlog 1) serves one client at a time, forever.
 */
@Command(name = "tcp_sixteen", description = "Simple TCP client and server that send and receive 16 octets")
public final class TcpSixteen extends RoleHostPort {

    static final int LENGTH = 16;

    @Override
    void server(String interfaceName, int port) throws InterruptedException {
        ServerConfig config = ServerConfig.builder().host(interfaceName).port(port).backlog(1).reuseAddress(true)
                .architecture(Architecture.SINGLE_CLIENT).name("tcp_sixteen").build();
        try (RunningServer sock = TcpServer.bind(config, ch -> ch.pipeline().addLast(new SixteenOctets()))) {
            out().println("Listening at " + PythonFormat.sockname(sock.localAddress()));
            out().println("Waiting to accept a new connection");
            sock.awaitClosed();
        }
    }

    @Override
    void client(String host, int port) throws EOFException {
        try (TcpClient client = TcpClient.create();
             TcpConnection sock = client.connect(host, port)) {
            out().println("Client has been assigned socket name " + PythonFormat.sockname(sock.localAddress()));
            sock.sendAll("Hi there, server".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = recvall(sock, LENGTH);
            out().println("The server said " + PythonFormat.repr(Unpooled.wrappedBuffer(reply)));
        }
    }

    /** The book's {@code recvall()}: exactly {@code length} bytes, or an {@link EOFException}. */
    static byte[] recvall(TcpConnection sock, int length) throws EOFException {
        byte[] data = new byte[length];
        int got = 0;
        while (got < length) {
            byte[] more = sock.receive(length - got);
            if (more.length == 0) {
                throw shortRead(length, got);
            }
            System.arraycopy(more, 0, data, got, more.length);
            got += more.length;
        }
        return data;
    }

    static EOFException shortRead(int length, int got) {
        return new EOFException("was expecting " + length + " bytes but only received " + got
                + " bytes before the socket closed");
    }

    /** The server's side of one conversation. One instance per connection. */
    private final class SixteenOctets extends ChannelInboundHandlerAdapter {
        private ByteBuf message;
        private boolean replied;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            message = ctx.alloc().buffer(LENGTH);
            out().println("We have accepted a connection from " + PythonFormat.sockname(ctx.channel().remoteAddress()));
            out().println("  Socket name: " + PythonFormat.sockname(ctx.channel().localAddress()));
            out().println("  Socket peer: " + PythonFormat.sockname(ctx.channel().remoteAddress()));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (replied) {
                    return;
                }
                message.writeBytes(in, Math.min(in.readableBytes(), LENGTH - message.readableBytes()));
                if (message.readableBytes() == LENGTH) {
                    replied = true;
                    out().println("  Incoming sixteen-octet message: " + PythonFormat.repr(message));
                    ctx.writeAndFlush(Unpooled.copiedBuffer("Farewell, client", StandardCharsets.US_ASCII))
                            .addListener(f -> ctx.close());
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (replied) {
                out().println("  Reply sent, socket closed");
            } else {
                // The original's recvall() raises EOFError here; the server reports it and goes on.
                err().println("EOFError: " + shortRead(LENGTH, message.readableBytes()).getMessage());
            }
            out().println("Waiting to accept a new connection");
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (message != null) {
                message.release();
                message = null;
            }
        }
    }
}

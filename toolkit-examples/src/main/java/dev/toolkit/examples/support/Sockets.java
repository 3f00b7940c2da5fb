package dev.toolkit.examples.support;

import dev.toolkit.core.client.ClientConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;

/**
 * The socket calls of the book's scripts in Netty terms: {@code shutdown(SHUT_RD)}, {@code shutdown(SHUT_WR)}
 * and a blocking {@code sendall()}.
 */
public final class Sockets {

    /**
     * A client whose connection stays open when the peer shuts down its write side, as a Python socket does:
     * the book's clients keep sending after the server's {@code shutdown(SHUT_WR)}.
     */
    public static final ClientConfig HALF_CLOSABLE = ClientConfig.builder().allowHalfClosure(true).build();

    private Sockets() {
    }

    /** {@code sock.shutdown(socket.SHUT_RD)}: this side will read no more. */
    public static ChannelFuture shutdownInput(Channel sock) {
        return ((DuplexChannel) sock).shutdownInput();
    }

    /** {@code sock.shutdown(socket.SHUT_WR)}: sends FIN; the peer reads end of file. */
    public static ChannelFuture shutdownOutput(Channel sock) {
        return ((DuplexChannel) sock).shutdownOutput();
    }

    /**
     * {@code sock.sendall(data)}: writes through the pipeline (so encoders apply) and waits until written.
     * Never call it on an event loop.
     */
    public static void sendall(Channel sock, ByteBuf data) {
        sock.writeAndFlush(data).syncUninterruptibly();
    }
}

package dev.toolkit.examples.ch06;

import dev.toolkit.core.client.ClientConfig;
import dev.toolkit.core.client.Connector;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.examples.support.OneShotServer;
import dev.toolkit.tls.ConnectionReport;
import dev.toolkit.tls.KeyAndCertificates;
import dev.toolkit.tls.Pem;
import dev.toolkit.tls.TlsClientConfig;
import dev.toolkit.core.error.TlsException;
import dev.toolkit.tls.TlsServerConfig;
import dev.toolkit.tls.TlsSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/** What chapter 6's two programs share: one TLS conversation as client or as one-shot server. */
final class TlsPrograms {

    /** Stands for the end of the stream in a client's queue of received data. */
    static final byte[] EOF = new byte[0];

    private TlsPrograms() {
    }

    /** The key and chain of a PEM file holding both, as the book's {@code localhost.pem}. */
    static KeyAndCertificates certfile(String file) {
        Path path = Path.of(file);
        return Pem.readKeyAndCertificates(path, path, null);
    }

    /** A connected client: its TLS session and what arrives, chunk by chunk, {@link #EOF} at the end. */
    record Connection(Connector connector, Channel channel, TlsSession session, BlockingQueue<byte[]> received)
            implements AutoCloseable {

        /** Waits for the handshake; a failure is thrown as the toolkit's TLS exception. */
        ConnectionReport handshake() throws InterruptedException {
            return await(session.handshake());
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            connector.close();
        }
    }

    /** Connects to {@code host:port} and starts TLS with {@code tls}, checking the certificate against {@code host}. */
    static Connection connect(TlsClientConfig tls, String host, int port) {
        Connector connector = Connector.create(ClientConfig.builder().build());
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        TlsSession[] session = new TlsSession[1];
        try {
            Channel channel = connector.connect(host, port, ch -> {
                session[0] = tls.install(ch, host, port);
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf b = (ByteBuf) msg;
                        byte[] bytes = new byte[b.readableBytes()];
                        b.readBytes(bytes);
                        b.release();
                        received.add(bytes);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        received.add(EOF);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });
            });
            return new Connection(connector, channel, session[0], received);
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
    }

    /**
     * Listens on {@code host:port}, accepts one connection, runs TLS with {@code tls}, and hands the
     * connection and its report to {@code conversation} on the event loop; returns when the connection ends.
     *
     * @param listening called with the bound address once listening
     * @param accepted called with the client's address when it connects
     */
    static void serveOnce(String host, int port, TlsServerConfig tls, BiConsumer<Channel, ConnectionReport> conversation,
                          java.util.function.Consumer<java.net.InetSocketAddress> listening,
                          java.util.function.Consumer<java.net.InetSocketAddress> accepted) throws Exception {
        CompletableFuture<TlsSession> installed = new CompletableFuture<>();
        try (OneShotServer server = OneShotServer.start(host, port, "tls", ch -> {
            accepted.accept((java.net.InetSocketAddress) ch.remoteAddress());
            TlsSession session = tls.install(ch);
            installed.complete(session);
            session.handshake().whenComplete((report, failure) -> {
                if (report != null) {
                    conversation.accept(ch, report);
                }
            });
        })) {
            listening.accept(server.localAddress());
            server.awaitEnd();
            // a client that refused this server's certificate may close before the alert reaches the pipeline's
            // end; the session still knows, and the server fails as the book's does
            TlsException failure = installed.get().failure().get(10, java.util.concurrent.TimeUnit.SECONDS);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** The result of {@code future}, or its failure mapped to the toolkit's exceptions. */
    static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw Exceptions.map(e.getCause());
        }
    }

    /** Python's {@code repr()} of a {@code str}. */
    static String repr(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

package dev.toolkit.tcp.lb;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Toolkit servers used as backends in the load balancer's tests, and a blocking client. */
final class Backends {

    static final int TIMEOUT_MILLIS = 20_000;

    private Backends() {
    }

    /** A toolkit server on 127.0.0.1:{@code port} (0: ephemeral) that answers every line with {@code name}. */
    static RunningServer<ConnectionMetrics> named(String name, int port) {
        ProtocolDefinition protocol = channel -> channel.pipeline().addLast(new LineBasedFrameDecoder(256),
                new StringDecoder(StandardCharsets.US_ASCII), new StringEncoder(StandardCharsets.US_ASCII),
                new SimpleChannelInboundHandler<String>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, String line) {
                        ctx.writeAndFlush(name + "\n");
                    }
                });
        return Servers.start(ServerConfig.builder().port(port).name("backend-" + name).build(), protocol);
    }

    /** A client connection that asks one line at a time. */
    static final class Client implements AutoCloseable {
        final Socket socket = new Socket();
        private final BufferedReader in;

        Client(InetSocketAddress address) throws IOException {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(address, TIMEOUT_MILLIS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        String ask() throws IOException {
            socket.getOutputStream().write("who?\n".getBytes(StandardCharsets.US_ASCII));
            String line = in.readLine();
            if (line == null) {
                throw new IOException("closed without an answer");
            }
            return line;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** One connection, one question: the name of the backend that answered. */
    static String askOnce(InetSocketAddress address) throws IOException {
        try (Client client = new Client(address)) {
            return client.ask();
        }
    }

    /** Waits (up to 30 s) for {@code condition}; fails with {@code message} if it never holds. */
    static void await(BooleanSupplier condition, Supplier<String> message) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + message.get());
            }
            Thread.sleep(20);
        }
    }
}

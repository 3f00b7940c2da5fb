package dev.toolkit.core.client;

import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connector's counters, read time-out and error handling, against a toolkit server on loopback. */
class ConnectorObservabilityTest {

    @Test
    void countsBytesAndClosesOnReadTimeOut() throws Exception {
        // The server answers once and then says nothing: the client's read time-out closes the connection.
        ServerConfig serverConfig = ServerConfig.builder().build();
        try (RunningServer<ConnectionMetrics> server = Servers.start(serverConfig, ch -> ch.pipeline().addLast(
                new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer("pong", StandardCharsets.US_ASCII));
                    }
                }));
             Connector connector = Connector.create(ClientConfig.builder()
                     .readTimeout(Duration.ofMillis(300)).wireLog(WireLog.TEXT).build())) {
            LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
            Channel ch = connector.connect("127.0.0.1", server.localAddress().getPort(),
                    c -> c.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                            answers.add(msg.toString(StandardCharsets.US_ASCII));
                        }
                    }));
            ch.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)).sync();
            assertEquals("pong", answers.poll(20, TimeUnit.SECONDS));
            assertTrue(ch.closeFuture().await(20, TimeUnit.SECONDS), "the read time-out closed the connection");

            ConnectionMetrics m = connector.metrics();
            // The close future completes just before the channel becomes inactive.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (m.connectionsOpen() != 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            assertEquals(0, m.connectionsOpen());
            assertEquals(1, m.connectionsTotal());
            assertEquals(4, m.bytesOut());
            assertEquals(4, m.bytesIn());
            assertEquals(1, m.errors(ErrorKind.TIMEOUT));
        }
    }

    @Test
    void countsConnectFailures() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (Connector connector = Connector.create(ClientConfig.defaults())) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> connector.connectAsync("127.0.0.1", port, ch -> { }).join());
            assertInstanceOf(ConnectFailedException.class, e.getCause());
            assertEquals(1, connector.metrics().errors(ErrorKind.CONNECT));
        }
    }
}

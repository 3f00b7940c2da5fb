package dev.toolkit.tcp;

import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.tcp.zen.ZenProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpClientServerTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Upper-cases what it receives; at the end of the client's input writes "eof." and closes. */
    static final class UpperUntilEof extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            String s = in.toString(StandardCharsets.US_ASCII).toUpperCase();
            in.release();
            ctx.writeAndFlush(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("eof.", StandardCharsets.US_ASCII))
                        .addListener(f -> ctx.close());
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = "MULTI_PROCESS", mode = EnumSource.Mode.EXCLUDE)
    void aBlockingClientTalksZenToEveryArchitecture(Architecture architecture) {
        try (RunningServer server = TcpServer.bind(ServerConfig.builder().port(0).backlog(64)
                .architecture(architecture).build(), new ZenProtocol());
             TcpClient client = TcpClient.create();
             TcpConnection c = client.connect("127.0.0.1", server.localAddress().getPort())) {
            c.sendAll(ascii("Simple is better than?"));
            assertEquals("Complex.", ascii(c.receiveUntil((byte) '.', 1024)));
            assertEquals(server.localAddress(), c.remoteAddress());
        }
    }

    @Test
    void halfCloseBothWays() {
        try (RunningServer server = TcpServer.bind(ServerConfig.builder().allowHalfClosure(true).build(),
                ch -> ch.pipeline().addLast(new UpperUntilEof()));
             TcpClient client = TcpClient.create();
             TcpConnection c = client.connect("127.0.0.1", server.localAddress().getPort())) {
            c.sendAll(ascii("hello"));
            assertEquals("HELLO", ascii(c.receiveExactly(5)));
            c.shutdownOutput().join();
            assertEquals("eof.", ascii(c.receiveExactly(4)));
            assertEquals(0, c.receive(10).length, "end of input after the server closed");
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> c.receiveExactly(1));
            assertEquals(ConnectionClosedException.Side.REMOTE, e.side());
        }
    }

    @Test
    void theClientKeepsSendingAfterTheServerShutsDownItsOutput() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TcpClient client = TcpClient.create();
             TcpConnection c = client.connect("127.0.0.1", listener.getLocalPort());
             Socket peer = listener.accept()) {
            peer.shutdownOutput();
            assertEquals(0, c.receive(10).length);
            c.sendAll(ascii("still here"));
            assertArrayEquals(ascii("still here"), peer.getInputStream().readNBytes(10));
        }
    }

    @Test
    void aPeerThatNeverReadsGetsAClearErrorNotUnboundedMemory() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TcpClient client = TcpClient.open(TcpClientConfig.builder().maxPendingWriteBytes(1 << 20).build());
             TcpConnection c = client.connect("127.0.0.1", listener.getLocalPort());
             Socket peer = listener.accept()) {
            byte[] chunk = new byte[256 * 1024];
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                writes.add(c.sendAsync(Unpooled.wrappedBuffer(chunk)));
            }
            c.closeFuture().get(20, TimeUnit.SECONDS);
            Throwable refused = null;
            for (CompletableFuture<Void> w : writes) {
                try {
                    w.get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Writes queued before the refusal fail as closed; the refused one says why.
                    if (e.getCause().getMessage().contains("the peer is not reading")) {
                        refused = e.getCause();
                    }
                }
            }
            assertInstanceOf(ToolkitException.class, refused, "no write was refused for the bound");
            assertTrue(peer.isConnected());
        }
    }

    @Test
    void sendAllWaitsForThePeerInsteadOfQueueing() throws Exception {
        byte[] data = new byte[8 << 20];
        Arrays.fill(data, (byte) 7);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TcpClient client = TcpClient.open(TcpClientConfig.builder().maxPendingWriteBytes(256 * 1024).build());
             TcpConnection c = client.connect("127.0.0.1", listener.getLocalPort());
             Socket peer = listener.accept()) {
            Thread reader = new Thread(() -> {
                try {
                    Thread.sleep(300); // the sender must wait for writability rather than overflow
                    peer.getInputStream().readNBytes(data.length);
                } catch (Exception ignored) {
                    // the assertion below reports a short read
                }
            });
            reader.start();
            c.sendAll(data);
            reader.join(20_000);
            assertTrue(c.isOpen());
        }
    }

    @Test
    void refusedAndReadTimeoutAreClearErrors() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (TcpClient client = TcpClient.open(TcpClientConfig.builder().readTimeout(Duration.ofMillis(300)).build())) {
            assertThrows(ConnectFailedException.class, () -> client.connect("127.0.0.1", closedPort));
            try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 TcpConnection c = client.connect("127.0.0.1", silent.getLocalPort())) {
                ToolkitException e = assertThrows(ToolkitException.class, () -> c.receive(10));
                assertInstanceOf(OperationTimeoutException.class, e, e.toString());
            }
        }
    }

    @Test
    void perIpLimitClosesTheExtraConnection() {
        try (RunningServer server = TcpServer.bind(ServerConfig.builder().maxConnectionsPerIp(1).build(), new ZenProtocol());
             TcpClient client = TcpClient.create();
             TcpConnection first = client.connect("127.0.0.1", server.localAddress().getPort())) {
            // The first connection is served before the second is made, so the server has counted it: two
            // connections set up at once may be counted in either order on different event loops.
            first.sendAll(ascii("Beautiful is better than?"));
            assertEquals("Ugly.", ascii(first.receiveUntil((byte) '.', 100)));
            try (TcpConnection second = client.connect("127.0.0.1", server.localAddress().getPort())) {
                assertEquals(0, second.receive(10).length, "the second connection from one address is closed");
            }
        }
    }

    @Test
    void ipv6Loopback() throws Exception {
        boolean hasV6 = Collections.list(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress())
                .getInetAddresses()).stream().anyMatch(a -> a instanceof Inet6Address);
        String host = hasV6 ? "::1" : "127.0.0.1";
        try (RunningServer server = TcpServer.bind(ServerConfig.builder().host(host).build(), new ZenProtocol());
             TcpClient client = TcpClient.create();
             TcpConnection c = client.connect(host, server.localAddress().getPort())) {
            c.sendAll(ascii("Explicit is better than?"));
            assertEquals("Implicit.", ascii(c.receiveUntil((byte) '.', 100)));
            assertNotEquals(null, c.localAddress());
        }
    }

    @Test
    void halfClosedServerSideIsADuplexChannel() {
        try (RunningServer server = TcpServer.bind(new ZenProtocol());
             TcpClient client = TcpClient.create();
             TcpConnection c = client.connect("127.0.0.1", server.localAddress().getPort())) {
            assertInstanceOf(DuplexChannel.class, c.channel());
        }
    }
}

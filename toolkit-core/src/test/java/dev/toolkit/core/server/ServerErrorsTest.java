package dev.toolkit.core.server;

import dev.toolkit.core.error.AddressInUseException;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Clear errors under every architecture, on loopback: a port in use, a message the protocol cannot send, a
 * handler that cannot be shared between connections.
 */
class ServerErrorsTest {

    private static final int TIMEOUT_MS = 20_000;

    private final List<RunningServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        servers.forEach(RunningServer::close);
    }

    private RunningServer start(Architecture architecture, ProtocolDefinition protocol) {
        RunningServer server = Servers.start(ServerConfig.builder().architecture(architecture).host("127.0.0.1")
                .name("test-" + architecture).build(), protocol);
        servers.add(server);
        return server;
    }

    private static Socket connect(RunningServer server) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(TIMEOUT_MS);
        s.connect(server.localAddress(), TIMEOUT_MS);
        return s;
    }

    /** Reads to the end of the stream; a reset would throw instead. */
    private static String readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aPortInUseIsNamedWithItsAddress(Architecture architecture) throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            AddressInUseException e = assertThrows(AddressInUseException.class, () -> Servers.start(
                    ServerConfig.builder().architecture(architecture).host("127.0.0.1").port(port)
                            .name("test-" + architecture).build(), new PidProtocol()));
            assertEquals("address already in use: 127.0.0.1:" + port, e.getMessage());
            assertEquals(new InetSocketAddress("127.0.0.1", port), e.address());
        }
    }

    /** Answers "text" with a String, which nothing on this byte pipeline encodes; echoes anything else. */
    private static final class CarelessHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            String text = line.toString(StandardCharsets.US_ASCII);
            ctx.writeAndFlush(text.equals("text") ? "a String" : ByteBufUtil.writeAscii(ctx.alloc(), text + "\n"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = "MULTI_PROCESS", mode = EnumSource.Mode.EXCLUDE)
    void aMessageTheProtocolCannotSendIsCountedAndTheConnectionGoesOn(Architecture architecture)
            throws IOException {
        RunningServer server = start(architecture, ch -> {
            ch.pipeline().addLast(Framing.lines(64).newDecoder());
            ch.pipeline().addLast(new CarelessHandler());
        });
        try (Socket s = connect(server)) {
            s.getOutputStream().write("echo\ntext\nagain\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("echo\nagain\n", new String(s.getInputStream().readNBytes(11), StandardCharsets.US_ASCII),
                    "the refused message is not sent; the connection goes on");
        }
        assertEquals(1, server.metrics().errors(ErrorKind.PROTOCOL));
    }

    /** Not {@code @Sharable}, yet given to every connection by {@link #reusing}. */
    private static final class OneConnectionHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), "hello\n"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = "MULTI_PROCESS", mode = EnumSource.Mode.EXCLUDE)
    void aHandlerThatCannotBeSharedServesOneConnectionAndTheNextIsClosedCleanly(Architecture architecture)
            throws IOException {
        OneConnectionHandler handler = new OneConnectionHandler();
        ProtocolDefinition reusing = ch -> ch.pipeline().addLast(handler);
        RunningServer server = start(architecture, reusing);
        try (Socket first = connect(server)) {
            byte[] hello = first.getInputStream().readNBytes(6);
            assertEquals("hello\n", new String(hello, StandardCharsets.US_ASCII));
        }
        try (Socket second = connect(server)) {
            assertEquals("", readToEnd(second), "closed without a reset");
        }
        assertEquals(1, server.metrics().errors(ErrorKind.INTERNAL));
    }
}

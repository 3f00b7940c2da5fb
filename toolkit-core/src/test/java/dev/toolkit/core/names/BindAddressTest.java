package dev.toolkit.core.names;

import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.Architecture;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one bind-address rule, and a TCP server bound to "" reached over IPv4 and IPv6 alike. */
class BindAddressTest {

    @Test
    void emptyAndNullAreTheDualStackWildcardWhereTheHostHasIpv6() {
        InetAddress expected = BindAddress.hasIpv6() ? literal("::") : literal("0.0.0.0");
        assertEquals(new InetSocketAddress(expected, 1060), BindAddress.of("", 1060));
        assertEquals(new InetSocketAddress(expected, 1060), BindAddress.of(null, 1060));
        assertEquals(new InetSocketAddress(expected, 0), BindAddress.of("  ", 0));
    }

    @Test
    void aLiteralIsItselfAndANameIsResolvedThroughTheHostsFile() {
        assertEquals(new InetSocketAddress(literal("127.0.0.1"), 7), BindAddress.of("127.0.0.1", 7));
        assertEquals(new InetSocketAddress(literal("::1"), 7), BindAddress.of("::1", 7));
        AddressResolver resolver = AddressResolver.builder()
                .hosts(HostsFile.parse("127.0.0.2 zen.bind.test\n")).build();
        assertEquals(new InetSocketAddress(literal("127.0.0.2"), 8), BindAddress.of("zen.bind.test", 8, resolver));
        assertThrows(NameResolutionException.class, () -> BindAddress.of("absent.bind.test", 8, resolver));
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void aServerBoundToEmptyIsReachedOverIpv4AndIpv6(Architecture architecture) throws IOException {
        ServerConfig config = ServerConfig.builder().host("").port(0).architecture(architecture).build();
        try (RunningServer<ConnectionMetrics> server = Servers.start(config, channel -> channel.pipeline()
                .addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.writeAndFlush(Unpooled.copiedBuffer("hello\n", StandardCharsets.US_ASCII))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                }))) {
            int port = server.localAddress().getPort();
            assertEquals("hello\n", greeting(new InetSocketAddress(literal("127.0.0.1"), port)));
            if (BindAddress.hasIpv6()) {
                assertTrue(server.localAddress().getAddress() instanceof Inet6Address, server.localAddress()::toString);
                assertEquals("hello\n", greeting(new InetSocketAddress(literal("::1"), port)));
            }
        }
    }

    private static String greeting(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 10_000);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.toolkit.udp;

import dev.toolkit.core.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings of a {@link UdpConfig} reach the socket, read back from the system. */
class SocketOptionsTest {

    private static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", 0, 2);

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void multicastTtlAndLoopbackAreTheMulticastOnes(Transport transport) throws Exception {
        UdpConfig config = UdpConfig.builder().transport(transport).multicastTtl(0).multicastLoopback(false)
                .broadcast(true).build();
        try (UdpClient client = UdpClient.open(UdpClientConfig.builder().local("127.0.0.1", 0).socket(config)
                .build())) {
            Channel channel = client.channel();
            assertTrue(channel.config().getOption(ChannelOption.SO_BROADCAST));
            if (transport == Transport.NIO) {
                assertEquals(0, channel.config().getOption(ChannelOption.IP_MULTICAST_TTL));
                assertTrue(channel.config().getOption(ChannelOption.IP_MULTICAST_LOOP_DISABLED));
            } else {
                assertEquals(0, channel.config().getOption(MulticastOptions.IP_MULTICAST_TTL));
                assertEquals(0, channel.config().getOption(MulticastOptions.IP_MULTICAST_LOOP));
                // the unicast TTL keeps the system's default
                assertNotEquals(0, channel.config().getOption(IP_TTL));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void pathMtuDiscoveryOnNativeTransportsOnly(Transport transport) throws Exception {
        UdpConfig config = UdpConfig.builder().transport(transport).pathMtuDiscovery(true).build();
        try (UdpServer server = UdpServer.bind(Loopback.server(transport).build(), (d, out) -> { });
             UdpClient client = UdpClient.open(UdpClientConfig.builder().remote(server.localAddress())
                     .connected(true).socket(config).build())) {
            OptionalInt mtu = client.pathMtu();
            if (transport == Transport.NIO) {
                assertTrue(mtu.isEmpty(), "NIO cannot read IP_MTU");
            } else {
                assertEquals(PathMtu.PMTUDISC_DO, client.channel().config().getOption(PathMtu.IP_MTU_DISCOVER));
                // the loopback interface's MTU of 65536, capped at the largest IP packet
                assertEquals(65535, mtu.getAsInt());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void unconnectedSocketHasNoPathMtu(Transport transport) throws Exception {
        try (UdpClient client = UdpClient.open(UdpClientConfig.builder().local("127.0.0.1", 0)
                .socket(Loopback.on(transport)).build())) {
            assertTrue(client.pathMtu().isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void bufferSizesAreRequested(Transport transport) throws Exception {
        UdpConfig config = UdpConfig.builder().transport(transport).receiveBufferSize(256 * 1024)
                .sendBufferSize(128 * 1024).build();
        try (UdpClient client = UdpClient.open(UdpClientConfig.builder().local("127.0.0.1", 0).socket(config)
                .build())) {
            // Linux doubles what is asked (for its bookkeeping) and caps it at rmem_max / wmem_max.
            assertTrue(client.channel().config().getOption(ChannelOption.SO_RCVBUF) > 0);
            assertTrue(client.channel().config().getOption(ChannelOption.SO_SNDBUF) > 0);
        }
    }
}

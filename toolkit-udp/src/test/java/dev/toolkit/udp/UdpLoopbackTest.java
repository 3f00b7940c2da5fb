package dev.toolkit.udp;

import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.toolkit.udp.Loopback.PATIENCE;
import static dev.toolkit.udp.Loopback.PATIENCE_SECONDS;
import static dev.toolkit.udp.Loopback.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The datagram server and client on real loopback sockets, on every transport this machine has. */
class UdpLoopbackTest {

    private static UdpServer echoLength(UdpServerConfig config) {
        return UdpServer.bind(config, (datagram, out) -> out.replyAsync(datagram, Loopback.yourDataWas(datagram)));
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void unconnectedClientGetsTheBooksReply(Transport transport) throws Exception {
        try (UdpServer server = echoLength(Loopback.server(transport).build());
             UdpClient client = UdpClient.open(Loopback.client(transport, server.localAddress()).build())) {
            assertEquals(transport, server.transport());
            assertEquals(transport, client.transport());
            client.send(ascii("The time is now"));
            Datagram reply = client.receive(PATIENCE);
            assertEquals("Your data was 15 bytes long", reply.text());
            assertEquals(server.localAddress(), reply.sender());
            assertEquals(1, server.metrics().datagramsIn());
            // the server counts its reply once the system took it, which may be after the client has it
            awaitCount(() -> server.metrics().datagramsOut(), 1);
            assertEquals(15, server.metrics().bytesIn());
            assertEquals(27, client.metrics().bytesIn());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void connectedClientLearnsItsAddressFromTheRoute(Transport transport) throws Exception {
        try (UdpServer server = echoLength(Loopback.server(transport).build());
             UdpClient client = UdpClient.open(UdpClientConfig.builder().remote(server.localAddress())
                     .connected(true).socket(Loopback.on(transport)).build())) {
            assertEquals("127.0.0.1", client.localAddress().getAddress().getHostAddress());
            assertNotEquals(0, client.localAddress().getPort());
            client.send(ascii("This is another message"));
            assertEquals("Your data was 23 bytes long", client.receive(PATIENCE).text());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void connectedClientToAClosedPortIsRefused(Transport transport) throws Exception {
        int port = Loopback.closedPort();
        try (UdpClient client = UdpClient.open(UdpClientConfig.builder().remote("127.0.0.1", port)
                .connected(true).socket(Loopback.on(transport)).build())) {
            client.send(ascii("anyone there?"));
            ConnectFailedException refused = assertThrows(ConnectFailedException.class,
                    () -> client.receive(PATIENCE));
            assertEquals(ConnectFailedException.Reason.REFUSED, refused.reason());
            assertTrue(refused.getMessage().startsWith("connection refused"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void largestIpv4DatagramRoundTripsWhole(Transport transport) throws Exception {
        BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
        try (UdpServer server = UdpServer.bind(Loopback.server(transport).build(), (datagram, out) -> {
            received.add(datagram);
            out.replyAsync(datagram, datagram.data());
        });
             UdpClient client = UdpClient.open(Loopback.client(transport, server.localAddress()).build())) {
            byte[] payload = new byte[DatagramTooLargeException.MAX_IPV4_PAYLOAD];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 31);
            }
            client.send(payload);
            Datagram echoed = client.receive(PATIENCE);
            assertEquals(65507, echoed.length());
            assertArrayEquals(payload, echoed.data());
            assertEquals(0, server.metrics().truncated());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void tooLargeDatagramFailsWithEmsgsize(Transport transport) throws Exception {
        try (UdpServer server = echoLength(Loopback.server(transport).build());
             UdpClient client = UdpClient.open(Loopback.client(transport, server.localAddress()).build())) {
            DatagramTooLargeException tooLarge = assertThrows(DatagramTooLargeException.class,
                    () -> client.send(new byte[65508]));
            assertEquals(65508, tooLarge.size());
            assertTrue(tooLarge.getMessage().contains("65508 bytes"), tooLarge.getMessage());
            assertTrue(tooLarge.getMessage().contains("EMSGSIZE"), tooLarge.getMessage());
            assertTrue(tooLarge.getMessage().contains("65507"), tooLarge.getMessage());
            // the socket is still usable
            client.send(ascii("small"));
            assertEquals("Your data was 5 bytes long", client.receive(PATIENCE).text());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void datagramLargerThanTheReceiveSizeIsReportedNotTruncated(Transport transport) throws Exception {
        BlockingQueue<ToolkitException> errors = new LinkedBlockingQueue<>();
        UdpServerConfig config = Loopback.server(transport)
                .socket(UdpConfig.builder().transport(transport).maxDatagramSize(2048).build())
                .errorListener((source, e) -> errors.add(e))
                .build();
        try (UdpServer server = echoLength(config);
             UdpClient client = UdpClient.open(Loopback.client(transport, server.localAddress()).build())) {
            client.send(new byte[3000]);
            ToolkitException error = errors.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            FrameTooLongException tooLong = assertInstanceOf(FrameTooLongException.class, error);
            assertEquals(2048, tooLong.limit());
            assertEquals(1, server.metrics().truncated());
            // exactly the receive size is whole, and the server is still serving
            client.send(new byte[2048]);
            assertEquals("Your data was 2048 bytes long", client.receive(PATIENCE).text());
            assertEquals(1, server.metrics().truncated());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void emptyDatagramIsDelivered(Transport transport) throws Exception {
        try (UdpServer server = echoLength(Loopback.server(transport).build());
             UdpClient client = UdpClient.open(Loopback.client(transport, server.localAddress()).build())) {
            client.send(new byte[0]);
            assertEquals("Your data was 0 bytes long", client.receive(PATIENCE).text());
            assertEquals(1, server.metrics().empty());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void ipv6Loopback(Transport transport) throws Exception {
        try (UdpServer server = echoLength(Loopback.server(transport).host("::1").build());
             UdpClient client = UdpClient.open(UdpClientConfig.builder().remote("::1", server.localAddress().getPort())
                     .connected(true).socket(Loopback.on(transport)).build())) {
            assertInstanceOf(Inet6Address.class, server.localAddress().getAddress());
            client.send(ascii("over IPv6"));
            assertEquals("Your data was 9 bytes long", client.receive(PATIENCE).text());
            assertInstanceOf(Inet6Address.class, client.localAddress().getAddress());
        }
    }

    @Test
    void wildcardServerAnswersOnLoopback() throws Exception {
        try (UdpServer server = echoLength(UdpServerConfig.builder().host("").port(0).build());
             UdpClient client = UdpClient.open(UdpClientConfig.builder()
                     .remote("127.0.0.1", server.localAddress().getPort()).local("127.0.0.1", 0).build())) {
            assertTrue(server.localAddress().getAddress().isAnyLocalAddress(), server.localAddress().toString());
            client.send(ascii("hello"));
            assertEquals("Your data was 5 bytes long", client.receive(PATIENCE).text());
        }
    }

    @Test
    void unconnectedClientWithoutLocalAddressBindsTheWildcard() throws Exception {
        try (UdpServer server = echoLength(Loopback.server(Transport.AUTO).build());
             UdpClient client = UdpClient.open(UdpClientConfig.builder().remote(server.localAddress()).build())) {
            assertTrue(client.localAddress().getAddress().isAnyLocalAddress(), client.localAddress().toString());
            client.send(ascii("hi"));
            assertEquals("Your data was 2 bytes long", client.receive(PATIENCE).text());
        }
    }

    @Test
    void unconnectedClientDropsDatagramsFromStrangersUnlessToldOtherwise() throws Exception {
        try (UdpServer server = echoLength(Loopback.server(Transport.AUTO).build());
             UdpServer stranger = echoLength(Loopback.server(Transport.AUTO).build());
             UdpClient careful = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build());
             UdpClient trusting = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress())
                     .acceptFromAnyAddress(true).build())) {
            stranger.sendAsync(ascii("I am the server, honest"), careful.localAddress()).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            stranger.sendAsync(ascii("I am the server, honest"), trusting.localAddress()).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            Datagram forged = trusting.receive(PATIENCE);
            assertEquals(stranger.localAddress(), forged.sender());
            // the careful client's next datagram is the real server's reply, the forged one was dropped
            careful.send(ascii("ping"));
            Datagram reply = careful.receive(PATIENCE);
            assertEquals(server.localAddress(), reply.sender());
            assertEquals(1, careful.metrics().foreign());
        }
    }

    @Test
    void receiveTimesOut() throws Exception {
        try (UdpServer server = UdpServer.bind(Loopback.server(Transport.AUTO).build(), (datagram, out) -> { });
             UdpClient client = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build())) {
            OperationTimeoutException timeout = assertThrows(OperationTimeoutException.class,
                    () -> client.receive(Duration.ofMillis(50)));
            assertEquals(OperationTimeoutException.Phase.READ, timeout.phase());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void broadcastToTheLoopbackBroadcastAddress(Transport transport) throws Exception {
        BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
        // Bound to the loopback network's broadcast address, the server receives only what is broadcast there.
        try (UdpServer server = UdpServer.bind(Loopback.server(transport).host("127.255.255.255").build(),
                (datagram, out) -> received.add(datagram));
             UdpClient client = UdpClient.open(UdpClientConfig.builder().local("127.0.0.1", 0)
                     .socket(UdpConfig.builder().transport(transport).broadcast(true).build()).build());
             UdpClient forbidden = UdpClient.open(UdpClientConfig.builder().local("127.0.0.1", 0)
                     .socket(Loopback.on(transport)).build())) {
            InetSocketAddress broadcast = new InetSocketAddress("127.255.255.255", server.localAddress().getPort());
            client.sendAsync(ascii("Broadcast datagram!"), broadcast).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            Datagram datagram = received.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertEquals("Broadcast datagram!", datagram.text());
            assertEquals(client.localAddress(), datagram.sender());
            // without SO_BROADCAST the system refuses to send to a broadcast address
            ToolkitException refused = assertThrows(ToolkitException.class,
                    () -> forbidden.send(ascii("x"), broadcast));
            assertTrue(refused.getMessage().contains("ermission"), refused.getMessage());
        }
    }

    @Test
    void failingHandlerIsReportedAndTheServerGoesOn() throws Exception {
        BlockingQueue<ToolkitException> errors = new LinkedBlockingQueue<>();
        UdpServerConfig config = Loopback.server(Transport.AUTO).errorListener((source, e) -> errors.add(e)).build();
        try (UdpServer server = UdpServer.bind(config, (datagram, out) -> {
            if (datagram.text().equals("boom")) {
                throw new IllegalStateException("handler failed");
            }
            out.replyAsync(datagram, Loopback.yourDataWas(datagram));
        });
             UdpClient client = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build())) {
            client.send(ascii("boom"));
            ToolkitException error = errors.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertTrue(error.getMessage().contains("handler failed"), error.getMessage());
            client.send(ascii("fine"));
            assertEquals("Your data was 4 bytes long", client.receive(PATIENCE).text());
            assertEquals(1, server.metrics().errorsByKind().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void floodFromOneSourceIsRateLimitedWhileOthersAreServed() throws Exception {
        List<InetSocketAddress> served = new CopyOnWriteArrayList<>();
        UdpServerConfig config = Loopback.server(Transport.AUTO).sourceRateLimit(RateLimit.of(1, 5)).build();
        try (UdpServer server = UdpServer.bind(config, (datagram, out) -> {
            served.add(datagram.sender());
            out.replyAsync(datagram, Loopback.yourDataWas(datagram));
        });
             UdpClient flooder = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress()).build());
             UdpClient other = UdpClient.open(UdpClientConfig.builder().remote(server.localAddress())
                     .local("127.0.0.2", 0).build())) {
            for (int i = 0; i < 100; i++) {
                flooder.send(ascii("flood " + i));
            }
            other.send(ascii("polite"));
            Datagram reply = other.receive(PATIENCE);
            assertEquals("Your data was 6 bytes long", reply.text());
            // All 101 datagrams were counted in; the flooder got its burst and little more.
            awaitCount(() -> server.metrics().datagramsIn(), 101);
            long flooderServed = served.stream().filter(a -> a.equals(flooder.localAddress())).count();
            assertTrue(flooderServed >= 5 && flooderServed < 100, "flooder served " + flooderServed);
            assertEquals(100 - flooderServed, server.metrics().rateLimited());
        }
    }

    @Test
    void textWireLogDoesNotDisturbTraffic() throws Exception {
        UdpConfig logged = UdpConfig.builder().wireLog(WireLog.TEXT).build();
        UdpConfig hex = UdpConfig.builder().wireLog(WireLog.HEX).build();
        try (UdpServer server = echoLength(Loopback.server(Transport.AUTO).socket(logged).build());
             UdpClient client = UdpClient.open(Loopback.client(Transport.AUTO, server.localAddress())
                     .socket(hex).build())) {
            client.send(ascii("logged"));
            assertEquals("Your data was 6 bytes long", client.receive(PATIENCE).text());
        }
    }

    @Test
    void connectedClientSendsOnlyToItsRemote() throws Exception {
        try (UdpServer server = echoLength(Loopback.server(Transport.AUTO).build());
             UdpClient client = UdpClient.open(UdpClientConfig.builder().remote(server.localAddress())
                     .connected(true).build())) {
            assertThrows(IllegalStateException.class,
                    () -> client.send(ascii("x"), new InetSocketAddress("127.0.0.1", 9)));
        }
    }

    @Test
    void closedClientFailsReceives() throws Exception {
        UdpClient client = UdpClient.open(UdpClientConfig.builder().remote("127.0.0.1", 9).local("127.0.0.1", 0)
                .build());
        client.close();
        ToolkitException closed = assertThrows(ToolkitException.class, () -> client.receive(PATIENCE));
        assertFalse(closed instanceof OperationTimeoutException, closed.toString());
    }

    @Test
    void datagramValueCopiesItsBytes() throws Exception {
        byte[] bytes = ascii("abc");
        Datagram datagram = Datagram.of(bytes, new InetSocketAddress("127.0.0.1", 1), null);
        bytes[0] = 'x';
        assertEquals("abc", datagram.text());
        datagram.data()[1] = 'y';
        assertEquals("abc", datagram.text());
        assertEquals(datagram, Datagram.of(ascii("abc"), new InetSocketAddress("127.0.0.1", 1), null));
        assertTrue(Arrays.equals(ascii("abc"), datagram.data()));
    }

    static void awaitCount(java.util.function.LongSupplier counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, counter.getAsLong());
    }
}

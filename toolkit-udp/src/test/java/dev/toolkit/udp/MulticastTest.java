package dev.toolkit.udp;

import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.transport.Transport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.toolkit.udp.Loopback.PATIENCE_SECONDS;
import static dev.toolkit.udp.Loopback.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Multicast join and leave on the loopback interface, where the kernel allows it. The sender's multicast
 * interface is {@code lo} and its TTL 0, so nothing leaves this host.
 */
class MulticastTest {

    /** An administratively scoped group (RFC 2365), which routers never forward past the organisation. */
    private static final String GROUP = "239.255.42.99";

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void joinReceiveLeave(Transport transport) throws Exception {
        InetAddress group = InetAddress.getByName(GROUP);
        BlockingQueue<Datagram> first = new LinkedBlockingQueue<>();
        BlockingQueue<Datagram> second = new LinkedBlockingQueue<>();
        // Two members bound to the group address and the same port (SO_REUSEADDR), as multicast receivers are.
        UdpConfig member = UdpConfig.builder().transport(transport).reuseAddress(true).build();
        try (UdpServer one = UdpServer.bind(UdpServerConfig.builder().host(GROUP).port(0).socket(member).build(),
                (datagram, out) -> first.add(datagram));
             UdpServer two = UdpServer.bind(UdpServerConfig.builder().host(GROUP)
                     .port(one.localAddress().getPort()).socket(member).build(),
                     (datagram, out) -> second.add(datagram));
             UdpClient sender = UdpClient.open(UdpClientConfig.builder().local("127.0.0.1", 0)
                     .socket(UdpConfig.builder().transport(transport).multicastInterface("lo").multicastTtl(0)
                             .build()).build())) {
            join(one, group);
            join(two, group);
            InetSocketAddress target = new InetSocketAddress(group, one.localAddress().getPort());

            sender.send(ascii("to the group"), target);
            assertEquals("to the group", take(first).text());
            assertEquals("to the group", take(second).text());

            one.leaveGroupAsync(group, "lo").get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            sender.send(ascii("after leaving"), target);
            assertEquals("after leaving", take(second).text());
            // The kernel queues a group datagram on every member's socket at once: the member that left would
            // have it by the time the other one's event loop has read it. Give its event loop a moment anyway.
            Thread.sleep(200);
            assertEquals(0, first.size(), "a member that left the group still received its datagrams");
        }
    }

    private static void join(UdpServer server, InetAddress group) throws Exception {
        try {
            server.joinGroupAsync(group, "lo").get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Assumptions.abort("this kernel does not allow multicast on lo: " + e.getCause());
        } catch (ToolkitException e) {
            Assumptions.abort("this kernel does not allow multicast on lo: " + e);
        }
    }

    private static Datagram take(BlockingQueue<Datagram> queue) throws InterruptedException {
        Datagram datagram = queue.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertNotNull(datagram, "no multicast datagram arrived");
        return datagram;
    }
}

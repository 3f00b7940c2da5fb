package dev.toolkit.examples.ch02;

import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.udp.UdpClient;
import dev.toolkit.udp.UdpClientConfig;
import dev.toolkit.udp.UdpConfig;
import dev.toolkit.udp.UdpServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;

/**
 * Chapter 2's {@code udp_broadcast.py}: the client sets SO_BROADCAST and sends {@code Broadcast datagram!} to
 * a broadcast address; the server prints every datagram that reaches the interface it binds (no reply).
 *
 * <p>A server receives broadcasts when bound to the wildcard address ({@code ""}) or to the broadcast
 * address itself: the tour binds {@code 127.255.255.255}, the loopback network's broadcast address, and
 * sends there, so nothing leaves this machine. As in Python, {@code <broadcast>} stands for
 * 255.255.255.255, which does leave it.
 */
@Command(name = "udp_broadcast", description = "Send, receive UDP broadcast",
        footer = Text.SHOWN_NOTE)
public final class UdpBroadcast extends ClientOrServer {

    /** The book's receive size. */
    static final int BUFSIZE = 65535;

    /** What the client broadcasts. */
    static final String MESSAGE = "Broadcast datagram!";

    @Parameters(index = "0", paramLabel = "{client,server}", description = "which role to take")
    private Role role;

    @Parameters(index = "1", paramLabel = "host",
            description = "interface the server listens at; network the client sends to")
    private String host;

    @Override
    Role role() {
        return role;
    }

    @Override
    int server(int port) {
        UdpServerConfig config = UdpServerConfig.builder().host(address(host)).port(port).name("udp_broadcast")
                .socket(UdpConfig.builder().maxDatagramSize(BUFSIZE).build()).build();
        return DatagramServerLoop.serve(config,
                server -> out().println("Listening for datagrams at " + PythonFormat.sockname(server.localAddress())),
                (datagram, sock) -> out().println("The client at " + PythonFormat.sockname(datagram.sender())
                        + " says: " + Text.shown(datagram.data())));
    }

    @Override
    int client(int port) {
        UdpClientConfig config = UdpClientConfig.builder().name("udp_broadcast")
                .socket(UdpConfig.builder().broadcast(true).build()).build();
        try (UdpClient sock = UdpClient.open(config)) {
            sock.send(Text.bytes(MESSAGE), new InetSocketAddress(address(host), port));
        }
        return 0;
    }

    /** Python's special names: {@code <broadcast>} is 255.255.255.255; the empty string the wildcard. */
    private static String address(String host) {
        return "<broadcast>".equals(host) ? "255.255.255.255" : host;
    }
}

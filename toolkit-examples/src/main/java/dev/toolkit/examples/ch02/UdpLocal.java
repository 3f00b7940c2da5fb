package dev.toolkit.examples.ch02;

import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.udp.Datagram;
import dev.toolkit.udp.UdpClient;
import dev.toolkit.udp.UdpClientConfig;
import dev.toolkit.udp.UdpServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/**
 * Chapter 2's {@code udp_local.py}: UDP on the loopback interface. The server binds 127.0.0.1 and answers
 * each datagram with {@code Your data was N bytes long}; the client sends {@code The time is <now>} from an
 * unconnected socket and prints the first datagram that comes back.
 *
 * <p>The client accepts that datagram from anyone, as the original's {@code recvfrom()} does: whoever learns
 * its port can answer in the server's place (the tour shows it). The toolkit's clients refuse strangers
 * unless told otherwise ({@link UdpClientConfig#acceptFromAnyAddress()}), which this script does.
 */
@Command(name = "udp_local", description = "Send and receive UDP locally",
        footer = Text.SHOWN_NOTE)
public final class UdpLocal extends ClientOrServer {

    /** The book's receive size: the largest datagram. */
    static final int MAX_BYTES = 65535;

    /** The original's {@code recvfrom()} waits without end; so does this client, until interrupted. */
    private static final Duration FOREVER = Duration.ofDays(36500);

    @Parameters(index = "0", paramLabel = "{client,server}", description = "which role to play")
    private Role role;

    @Override
    Role role() {
        return role;
    }

    @Override
    int server(int port) {
        UdpServerConfig config = UdpServerConfig.builder().host("127.0.0.1").port(port).name("udp_local").build();
        return DatagramServerLoop.serve(config,
                server -> out().println("Listening at " + PythonFormat.sockname(server.localAddress())),
                (datagram, sock) -> answerWithLength(datagram, sock, out()));
    }

    @Override
    int client(int port) throws InterruptedException {
        UdpClientConfig config = UdpClientConfig.builder().remote("127.0.0.1", port).acceptFromAnyAddress(true)
                .name("udp_local").build();
        try (UdpClient sock = UdpClient.open(config)) {
            sock.send(Text.bytes("The time is " + Text.now()));
            out().println("The OS assigned me the address " + PythonFormat.sockname(sock.localAddress()));
            Datagram reply = sock.receive(FOREVER); // Danger! See Chapter 2
            out().println("The server " + PythonFormat.sockname(reply.sender()) + " replied "
                    + Text.shown(reply.data()));
        }
        return 0;
    }
}

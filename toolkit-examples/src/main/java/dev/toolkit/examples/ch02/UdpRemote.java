package dev.toolkit.examples.ch02;

import dev.toolkit.core.error.Backoff;
import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.udp.RequestClient;
import dev.toolkit.udp.RequestConfig;
import dev.toolkit.udp.RequestListener;
import dev.toolkit.udp.UdpClientConfig;
import dev.toolkit.udp.UdpServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Random;

/**
 * Chapter 2's {@code udp_remote.py}: UDP across a network that loses datagrams. The server binds the given
 * interface and drops each request with probability 0.5 ({@code Pretending to drop packet from ...}),
 * answering the others with {@code Your data was N bytes long}. The client connects its socket, sends
 * {@code This is another message}, and waits 0.1 s for the reply, doubling the wait after each time-out, until
 * the wait would exceed 2.0 s: five sends, waiting 0.1, 0.2, 0.4, 0.8 and 1.6 s ({@link Backoff#book()}); then
 * {@code RuntimeError: I think the server is down} and exit status 1. With no server at all, the connected
 * socket learns from ICMP that the port is closed: {@code ConnectionRefusedError}.
 *
 * <p>{@code --seed N} (not in the original, hidden from the usage) makes the server's drops repeatable.
 */
@Command(name = "udp_remote", description = "Send and receive UDP, pretending packets are often dropped",
        footer = Text.SHOWN_NOTE)
public final class UdpRemote extends ClientOrServer {

    /** What the client sends. */
    static final String MESSAGE = "This is another message";

    @Parameters(index = "0", paramLabel = "{client,server}", description = "which role to take")
    private Role role;

    @Parameters(index = "1", paramLabel = "host",
            description = "interface the server listens at; host the client sends to")
    private String host;

    @Option(names = "--seed", hidden = true, description = "seed of the server's random drops")
    private Long seed;

    @Override
    Role role() {
        return role;
    }

    @Override
    int server(int port) {
        Random random = seed == null ? new Random() : new Random(seed);
        UdpServerConfig config = UdpServerConfig.builder().host(host).port(port).name("udp_remote").build();
        return DatagramServerLoop.serve(config,
                server -> out().println("Listening at " + PythonFormat.sockname(server.localAddress())),
                (datagram, sock) -> {
                    if (random.nextDouble() < 0.5) {
                        out().println("Pretending to drop packet from " + PythonFormat.sockname(datagram.sender()));
                        return;
                    }
                    answerWithLength(datagram, sock, out());
                });
    }

    @Override
    int client(int port) throws InterruptedException {
        RequestListener waiting = new RequestListener() {
            @Override
            public void sent(long requestId, int attempt, Duration wait) {
                out().println("Waiting up to " + seconds(wait) + " seconds for a reply");
            }
        };
        // No request IDs: the bytes on the wire are the book's, so the Python server understands them.
        RequestConfig requests = RequestConfig.builder().backoff(Backoff.book()).requestIds(false)
                .listener(waiting).build();
        UdpClientConfig socket = UdpClientConfig.builder().remote(host, port).connected(true).name("udp_remote")
                .build();
        try (RequestClient sock = RequestClient.open(socket, requests)) {
            out().println("Client socket name is " + PythonFormat.sockname(sock.localAddress()));
            byte[] data = sock.request(Text.bytes(MESSAGE));
            out().println("The server says " + Text.shown(data));
            return 0;
        } catch (OperationTimeoutException e) {
            err().println("RuntimeError: I think the server is down");
            return 1;
        } catch (ConnectFailedException e) {
            if (e.reason() != ConnectFailedException.Reason.REFUSED) {
                throw e;
            }
            err().println("ConnectionRefusedError: [Errno 111] Connection refused");
            return 1;
        }
    }

    /** A wait as Python prints the float it keeps: {@code 0.1}, {@code 0.2}, ... {@code 1.6}. */
    static String seconds(Duration wait) {
        return Double.toString(wait.toNanos() / 1e9);
    }
}

package dev.toolkit.udp;

import dev.toolkit.core.transport.Transport;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Shared pieces of the loopback tests: the transports to try, time limits, and a port nobody listens on. */
final class Loopback {

    /** How long a test waits for something that should happen at once: long, so that a hang fails. */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Seconds of {@link #PATIENCE}, for {@code get(...)}. */
    static final long PATIENCE_SECONDS = PATIENCE.toSeconds();

    private Loopback() {
    }

    /** Every transport this machine has: NIO always, epoll and io_uring where available. */
    static Stream<Transport> transports() {
        List<Transport> all = new ArrayList<>();
        all.add(Transport.NIO);
        if (Epoll.isAvailable()) {
            all.add(Transport.EPOLL);
        }
        if (IoUring.isAvailable()) {
            all.add(Transport.IO_URING);
        }
        return all.stream();
    }

    /** Socket settings on {@code transport}. */
    static UdpConfig on(Transport transport) {
        return UdpConfig.builder().transport(transport).build();
    }

    /** A server on 127.0.0.1 and an ephemeral port. */
    static UdpServerConfig.Builder server(Transport transport) {
        return UdpServerConfig.builder().host("127.0.0.1").port(0).socket(on(transport));
    }

    /** A client bound to 127.0.0.1 talking to {@code server}. */
    static UdpClientConfig.Builder client(Transport transport, InetSocketAddress server) {
        return UdpClientConfig.builder().remote(server).local("127.0.0.1", 0).socket(on(transport));
    }

    /** The book's reply to a datagram. */
    static byte[] yourDataWas(Datagram datagram) {
        return ("Your data was " + datagram.length() + " bytes long").getBytes(StandardCharsets.US_ASCII);
    }

    /** A loopback port that was just free: bound, then released, so nothing listens there. */
    static int closedPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

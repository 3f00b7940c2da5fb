package dev.toolkit.examples.ch02;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.tour.ListingRun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Runs chapter 2's listings in this JVM for tests, and plain datagram sockets to poke them with. */
final class Chapter02Programs {

    /** Generous: only a hang should ever reach it. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Chapter02Programs() {
    }

    /** Starts {@code listing} with {@code args}, its lines captured. */
    static ListingRun run(String listing, String label, String... args) {
        return ListingRun.start(Catalog.find("ch02", listing).orElseThrow(), label, null, List.of(args));
    }

    /** Waits for a server's {@code Listening ...} line and returns its port. */
    static int portOf(ListingRun server) throws InterruptedException {
        return Integer.parseInt(DatagramDemo.port(server.awaitLine(l -> DatagramDemo.LISTENING.matcher(l).matches(),
                TIMEOUT)));
    }

    /** A plain datagram socket on 127.0.0.1 whose receives time out, so that a hang fails. */
    static DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    /** Sends {@code bytes} to 127.0.0.1:{@code port}. */
    static void send(DatagramSocket socket, byte[] bytes, int port) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    /** Receives one datagram as ASCII text. */
    static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    /** A loopback port that was free a moment ago: bound, then released, so nothing listens there. */
    static int closedPort() throws IOException {
        try (DatagramSocket socket = socket()) {
            return socket.getLocalPort();
        }
    }
}

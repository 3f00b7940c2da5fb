package dev.toolkit.examples.ch05;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.tour.ListeningLine;
import dev.toolkit.examples.tour.ListingRun;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/** Runs chapter 5's listings in this JVM for tests, and plain blocking sockets to poke them with. */
final class Chapter05Programs {

    /** Generous: only a hang should ever reach it. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Chapter05Programs() {
    }

    /** Starts {@code listing} as a server on 127.0.0.1, port 0. */
    static ListingRun server(String listing) {
        return run(listing, "server", List.of("127.0.0.1", "-p", "0"));
    }

    /** Starts {@code listing} as a client of 127.0.0.1:{@code port}. */
    static ListingRun client(String listing, int port) {
        return run(listing, "client", List.of("127.0.0.1", "-c", "-p", String.valueOf(port)));
    }

    private static ListingRun run(String listing, String label, List<String> args) {
        return ListingRun.start(Catalog.find("ch05", listing).orElseThrow(), label, null, args);
    }

    /** Waits for the server's {@code Listening at} line and returns its port. */
    static int portOf(ListingRun server) throws InterruptedException {
        String line = server.awaitLine(l -> ListeningLine.port(l).isPresent(), TIMEOUT);
        return ListeningLine.port(line).orElseThrow();
    }

    /** A plain socket connected to 127.0.0.1:{@code port}, with a read time-out so a hang fails the test. */
    static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    /** A plain listening socket on 127.0.0.1 with an ephemeral port, accepts time out so a hang fails. */
    static ServerSocket listen() throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        listener.setSoTimeout((int) TIMEOUT.toMillis());
        return listener;
    }

    /** Accepts one connection and returns every byte received until end of file. */
    static byte[] receiveAll(ServerSocket listener) throws IOException {
        try (Socket peer = listener.accept()) {
            peer.setSoTimeout((int) TIMEOUT.toMillis());
            return readToEnd(peer.getInputStream());
        }
    }

    static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }
}

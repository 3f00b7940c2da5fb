package dev.toolkit.examples.ch02;

import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.udp.Datagram;
import dev.toolkit.udp.DatagramSender;
import dev.toolkit.udp.UdpServer;
import dev.toolkit.udp.UdpServerConfig;

import java.util.function.Consumer;

/**
 * The {@code while True: data, address = sock.recvfrom(MAX_BYTES)} loop of chapter 2's servers: binds, says
 * where it listens, and handles datagrams until stopped (interrupted). Unlike the Python scripts, no datagram
 * ends it: each is printed through {@link Text#shown}, whatever its bytes.
 */
final class DatagramServerLoop {

    /** What the script does with one datagram. */
    @FunctionalInterface
    interface Body {
        void handle(Datagram datagram, DatagramSender out);
    }

    private DatagramServerLoop() {
    }

    /**
     * Serves until the thread is interrupted.
     *
     * @param listening prints the script's "Listening" line, given the bound server
     * @return the exit status, 0
     */
    static int serve(UdpServerConfig config, Consumer<UdpServer> listening, Body body) {
        try (UdpServer server = UdpServer.bind(config, body::handle)) {
            listening.accept(server);
            server.awaitClosed();
        } catch (InterruptedOperationException e) {
            // Only a program running inside another (the tour, a test) is stopped by an interrupt; from a
            // terminal, Ctrl-C ends the JVM. Stopping is how a UDP server's run ends, so it ends quietly (the
            // thread's interrupt flag is set again).
        }
        return 0;
    }
}

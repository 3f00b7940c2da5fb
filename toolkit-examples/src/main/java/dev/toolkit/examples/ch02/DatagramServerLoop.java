package dev.toolkit.examples.ch02;

import dev.toolkit.udp.Datagram;
import dev.toolkit.udp.DatagramSender;
import dev.toolkit.udp.UdpServer;
import dev.toolkit.udp.UdpServerConfig;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The {@code while True: data, address = sock.recvfrom(MAX_BYTES)} loop of chapter 2's servers: binds, says
 * where it listens, handles datagrams until stopped (interrupted), and ends like the Python script when a
 * datagram is not ASCII: with the {@code UnicodeDecodeError} line on stderr and exit status 1.
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
     * Serves until the thread is interrupted or a datagram is not ASCII.
     *
     * @param listening prints the script's "Listening" line, given the bound server
     * @return the exit status: 1 after a decoding error, 0 when stopped by an interrupt
     */
    static int serve(UdpServerConfig config, Consumer<UdpServer> listening, Body body, PrintWriter err) {
        CompletableFuture<Text.UnicodeDecodeError> crashed = new CompletableFuture<>();
        try (UdpServer server = UdpServer.bind(config, (datagram, out) -> {
            if (crashed.isDone()) {
                return;
            }
            try {
                body.handle(datagram, out);
            } catch (Text.UnicodeDecodeError e) {
                crashed.complete(e);
            }
        })) {
            listening.accept(server);
            Text.UnicodeDecodeError error = crashed.get();
            err.println("UnicodeDecodeError: " + error.getMessage());
            return 1;
        } catch (InterruptedException e) {
            // Only a program running inside another (the tour, a test) is stopped by an interrupt; from a
            // terminal, Ctrl-C ends the JVM. Stopping is how a UDP server's run ends, so it ends quietly.
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}

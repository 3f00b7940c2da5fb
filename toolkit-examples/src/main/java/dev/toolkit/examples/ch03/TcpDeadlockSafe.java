package dev.toolkit.examples.ch03;

import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.TcpClient;
import dev.toolkit.tcp.TcpConnection;
import io.netty.buffer.Unpooled;
import picocli.CommandLine.Command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The variant of {@code tcp_deadlock} that cannot deadlock, for any byte count: the client reads while it
 * writes. A sender thread writes the message with {@link TcpConnection#sendAll}, which waits while the
 * connection is not writable (Netty's writability: back-pressure instead of an ever-growing queue), then
 * shuts down the write side; meanwhile this thread reads what the server sends back, so the server never
 * blocks and keeps reading. Same command line and server as {@code tcp_deadlock}.
 */
@Command(name = "tcp_deadlock_safe",
        description = "TCP client that reads while it writes (Netty writability): cannot deadlock")
public final class TcpDeadlockSafe extends Capitalize {

    @Override
    void client(String host, int port) {
        long bytecount = bytecount();
        out().println("Sending " + bytecount + " bytes of data, in chunks of 16 bytes");
        try (TcpClient client = TcpClient.create();
             TcpConnection sock = client.connect(host, port)) {
            CompletableFuture<Long> sender = CompletableFuture.supplyAsync(() -> {
                long sent = 0;
                for (byte[] piece : pieces(bytecount, TcpDeadlock.PIECE)) {
                    sock.sendAll(piece);
                    sent += piece.length;
                }
                sock.shutdownOutput().join();
                return sent;
            });
            out().println("Receiving the data the server sends back while sending");
            long received = 0;
            while (true) {
                byte[] data = sock.receive(received == 0 ? 42 : TcpDeadlock.PIECE);
                if (received == 0) {
                    out().println("  The first data received says " + PythonFormat.repr(Unpooled.wrappedBuffer(data)));
                }
                if (data.length == 0) {
                    break;
                }
                received += data.length;
            }
            long sent;
            try {
                sent = sender.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof ToolkitException ? (ToolkitException) e.getCause() : e;
            }
            out().println("  " + sent + " bytes sent");
            out().println("  " + received + " bytes received");
        }
    }
}

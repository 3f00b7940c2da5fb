package dev.toolkit.examples.ch03;

import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.TcpClient;
import dev.toolkit.tcp.TcpConnection;
import io.netty.buffer.Unpooled;
import picocli.CommandLine.Command;

/**
 * Chapter 3's {@code tcp_deadlock.py}: the client sends everything before reading anything, then shuts down
 * its write side and reads the upper-cased data back. Small counts work; a large one (say 1073741824) stalls
 * for ever: the server blocks sending back what the client is not reading, so it stops reading, so the client
 * blocks sending. {@code tcp_deadlock_safe} is the same client reading while it writes.
 *
 * <p>The client writes 64 KiB of the 16-byte message at a time and prints its progress after each piece (the
 * original prints after every 16 bytes; the bytes on the wire are the same).
 */
@Command(name = "tcp_deadlock", description = "TCP client and server that leave too much data waiting")
public final class TcpDeadlock extends Capitalize {

    static final int PIECE = 64 * 1024;

    @Override
    void client(String host, int port) {
        long bytecount = bytecount();
        out().println("Sending " + bytecount + " bytes of data, in chunks of 16 bytes");
        try (TcpClient client = TcpClient.create();
             TcpConnection sock = client.connect(host, port)) {
            long sent = 0;
            for (byte[] piece : pieces(bytecount, PIECE)) {
                sock.sendAll(piece);
                sent += piece.length;
                out().print("\r  " + sent + " bytes sent ");
                out().flush();
            }
            out().println();
            sock.shutdownOutput().join();
            out().println("Receiving all the data the server sends back");
            long received = 0;
            while (true) {
                byte[] data = sock.receive(received == 0 ? 42 : PIECE);
                if (received == 0) {
                    out().println("  The first data received says " + PythonFormat.repr(Unpooled.wrappedBuffer(data)));
                }
                if (data.length == 0) {
                    break;
                }
                received += data.length;
                out().print("\r  " + received + " bytes received ");
                out().flush();
            }
            out().println();
        }
    }
}

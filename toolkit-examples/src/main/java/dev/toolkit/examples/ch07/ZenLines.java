package dev.toolkit.examples.ch07;

import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.zen.ZenListener;
import io.netty.buffer.Unpooled;

import java.io.PrintWriter;
import java.net.InetSocketAddress;

/**
 * The lines the book's Zen servers print ({@code zen_utils}): {@code Accepted connection from ADDR},
 * {@code Client socket to ADDR has closed}, {@code Client ADDR error: received b'...' then socket closed}, and
 * {@code Client ADDR error: ...} for other failures; ADDR as Python's address tuple.
 */
public final class ZenLines {

    private ZenLines() {
    }

    /** Prints each conversation's lines to {@code out}. */
    public static ZenListener printer(PrintWriter out) {
        return printer(out, null);
    }

    /**
     * Prints each conversation's lines to {@code out}, naming the client {@code fixed} when given (for a
     * connection driven outside a socket channel, whose address the handler cannot see).
     */
    public static ZenListener printer(PrintWriter out, InetSocketAddress fixed) {
        return new ZenListener() {
            private String name(InetSocketAddress client) {
                return PythonFormat.sockname(fixed != null ? fixed : client);
            }

            @Override
            public void accepted(InetSocketAddress client) {
                out.println("Accepted connection from " + name(client));
            }

            @Override
            public void closed(InetSocketAddress client) {
                out.println("Client socket to " + name(client) + " has closed");
            }

            @Override
            public void closedMidQuestion(InetSocketAddress client, byte[] received) {
                out.println("Client " + name(client) + " error: received "
                        + PythonFormat.repr(Unpooled.wrappedBuffer(received)) + " then socket closed");
            }

            @Override
            public void failed(InetSocketAddress client, Throwable cause) {
                out.println("Client " + name(client) + " error: " + cause.getMessage());
            }
        };
    }
}

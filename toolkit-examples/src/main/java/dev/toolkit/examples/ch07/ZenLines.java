package dev.toolkit.examples.ch07;

import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.zen.ZenListener;
import io.netty.buffer.Unpooled;

import java.io.PrintWriter;
import java.net.InetSocketAddress;

/**
 * The lines each of the book's Zen servers prints per connection, which differ from server to server (BOOK.md,
 * chapter 7): the accept line, the line for a client that closes between questions, for one that closes in the
 * middle of a question, and for a failed conversation. ADDR is printed as Python's address tuple, received
 * bytes as Python's {@code repr()}. A {@code null} format prints nothing for that event.
 */
public enum ZenLines {

    /** {@code zen_utils}' lines: srv_single, srv_threaded, server_multi, in_zen1, in_zen2. */
    ZEN_UTILS("Accepted connection from %s", "Client socket to %s has closed",
            "Client %s error: received %s then socket closed", "Client %s error: %s"),
    /** srv_legacy1: socketserver accepts without a word; {@code zen_utils.handle_conversation} prints the rest. */
    SOCKETSERVER(null, "Client socket to %s has closed", "Client %s error: received %s then socket closed",
            "Client %s error: %s"),
    /** srv_legacy2: asyncore's and asynchat's handlers print nothing. */
    ASYNCHAT(null, null, null, null),
    /**
     * srv_async: the poll loop's lines; a failed socket (POLLERR) is cleaned up as a closed one, and since
     * this loop keeps no unsent bytes of a failed socket, it prints the "closed socket normally" line.
     */
    POLL_LOOP("Accepted connection from %s", "Client %s closed socket normally", "Client %s sent %s but then closed",
            "Client %s closed socket normally"),
    /** srv_asyncio1: the protocol's {@code connection_made} and {@code connection_lost} lines. */
    ASYNCIO_CALLBACKS("Accepted connection from %s", "Client %s closed socket", "Client %s sent %s but then closed",
            "Client %s error: %s"),
    /** srv_asyncio2: the coroutine's lines; a failed read ends the coroutine without a line. */
    ASYNCIO_COROUTINE("Accepted connection from %s", "Client %s closed socket normally",
            "Client %s sent %s but then closed", null);

    private final String accepted;
    private final String closed;
    private final String closedMidQuestion;
    private final String failed;

    ZenLines(String accepted, String closed, String closedMidQuestion, String failed) {
        this.accepted = accepted;
        this.closed = closed;
        this.closedMidQuestion = closedMidQuestion;
        this.failed = failed;
    }

    /** Prints each conversation's lines to {@code out}. */
    public ZenListener printer(PrintWriter out) {
        return printer(out, null);
    }

    /**
     * Prints each conversation's lines to {@code out}, naming the client {@code fixed} when given (for a
     * connection driven outside a socket channel, whose address the handler cannot see).
     */
    public ZenListener printer(PrintWriter out, InetSocketAddress fixed) {
        return new ZenListener() {
            private void print(String format, InetSocketAddress client, String detail) {
                if (format != null) {
                    out.println(String.format(format, PythonFormat.sockname(fixed != null ? fixed : client), detail));
                }
            }

            @Override
            public void accepted(InetSocketAddress client) {
                print(accepted, client, null);
            }

            @Override
            public void closed(InetSocketAddress client) {
                print(closed, client, null);
            }

            @Override
            public void closedMidQuestion(InetSocketAddress client, byte[] received) {
                print(closedMidQuestion, client, PythonFormat.repr(Unpooled.wrappedBuffer(received)));
            }

            @Override
            public void failed(InetSocketAddress client, Throwable cause) {
                print(failed, client, cause.getMessage());
            }
        };
    }
}

package dev.toolkit.examples.ch07;

import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.tcp.zen.ZenListener;
import io.netty.buffer.Unpooled;

import java.io.PrintWriter;
import java.net.InetSocketAddress;

/**
 * The lines each of the book's Zen servers prints per connection, which differ from server to server (BOOK.md,
 * chapter 7): the accept line, the line for a client that closes between questions, for one that closes in the
 * middle of a question, for one that closes before its answers were sent (srv_async only), and for a failed
 * conversation. ADDR is printed as Python's address tuple, received bytes as Python's {@code repr()}. A
 * {@code null} format prints nothing for that event; without a line of its own, a client closing before its
 * answers were sent gets the line of a client closing between questions.
 */
public enum ZenLines {

    /** {@code zen_utils}' lines: srv_single, srv_threaded, server_multi, in_zen1, in_zen2. */
    ZEN_UTILS("Accepted connection from %s", "Client socket to %s has closed",
            "Client %s error: received %s then socket closed", null, "Client %s error: %s"),
    /** srv_legacy1: socketserver accepts without a word; {@code zen_utils.handle_conversation} prints the rest. */
    SOCKETSERVER(null, "Client socket to %s has closed", "Client %s error: received %s then socket closed", null,
            "Client %s error: %s"),
    /** srv_legacy2: asyncore's and asynchat's handlers print nothing. */
    ASYNCHAT(null, null, null, null, null),
    /**
     * srv_async: the poll loop's lines. Its clean-up of a closed socket prints the unfinished question if there
     * is one, else the answer bytes not yet sent if there are some, else "closed socket normally". A failed
     * socket (POLLERR) is cleaned up as a closed one: a reset the server finds while writing is a close, with
     * its unsent bytes; one it finds while reading is a failure, printed as "closed socket normally".
     */
    POLL_LOOP("Accepted connection from %s", "Client %s closed socket normally", "Client %s sent %s but then closed",
            "Client %s closed before we sent %s", "Client %s closed socket normally"),
    /** srv_asyncio1: the protocol's {@code connection_made} and {@code connection_lost} lines. */
    ASYNCIO_CALLBACKS("Accepted connection from %s", "Client %s closed socket", "Client %s sent %s but then closed",
            null, "Client %s error: %s"),
    /** srv_asyncio2: the coroutine's lines; a failed read ends the coroutine without a line. */
    ASYNCIO_COROUTINE("Accepted connection from %s", "Client %s closed socket normally",
            "Client %s sent %s but then closed", null, null);

    /**
     * The most unsent bytes shown: the original holds at most one answer unsent (it reads no further question
     * until that is sent), while the toolkit answers pipelined questions and may hold many; the rest is
     * summarised as {@code ... (N more bytes)}.
     */
    static final int UNSENT_SHOWN = 100;

    private final String accepted;
    private final String closed;
    private final String closedMidQuestion;
    private final String closedBeforeSent;
    private final String failed;

    ZenLines(String accepted, String closed, String closedMidQuestion, String closedBeforeSent, String failed) {
        this.accepted = accepted;
        this.closed = closed;
        this.closedMidQuestion = closedMidQuestion;
        this.closedBeforeSent = closedBeforeSent;
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
        // Only a line set with its own line for unsent answers makes the handler keep track of them.
        return closedBeforeSent == null ? new Printer(out, fixed) : new UnsentPrinter(out, fixed);
    }

    /** Prints the line set's lines. */
    private class Printer implements ZenListener {
        private final PrintWriter out;
        private final InetSocketAddress fixed;

        Printer(PrintWriter out, InetSocketAddress fixed) {
            this.out = out;
            this.fixed = fixed;
        }

        void print(String format, InetSocketAddress client, String detail) {
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
    }

    /** A {@link Printer} that also prints the line for answers left unsent. */
    private final class UnsentPrinter extends Printer {

        UnsentPrinter(PrintWriter out, InetSocketAddress fixed) {
            super(out, fixed);
        }

        @Override
        public void closedBeforeSent(InetSocketAddress client, byte[] unsent) {
            print(closedBeforeSent, client, PythonFormat.repr(Unpooled.wrappedBuffer(unsent), UNSENT_SHOWN));
        }
    }
}

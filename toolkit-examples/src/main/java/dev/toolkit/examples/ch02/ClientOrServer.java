package dev.toolkit.examples.ch02;

import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.udp.Datagram;
import dev.toolkit.udp.DatagramSender;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * What chapter 2's client/server scripts share: the {@code -p PORT} option (default 1060), running the role
 * the first argument names (each script declares that argument, worded as its original words it), and the
 * servers' way of answering a datagram with its length.
 */
abstract class ClientOrServer extends ListingCommand {

    @Option(names = "-p", paramLabel = "PORT", converter = ArgumentTypes.Port.class,
            defaultValue = "1060", description = "UDP port (default 1060)")
    private int port;

    @Override
    public final Integer call() throws InterruptedException {
        return role() == Role.server ? server(port) : client(port);
    }

    /** The role the first argument names. */
    abstract Role role();

    /** The server side on {@code port}; returns the exit status. */
    abstract int server(int port);

    /** The client side, talking to {@code port}; returns the exit status. */
    abstract int client(int port) throws InterruptedException;

    /**
     * Prints {@code The client at ADDR says 'TEXT'} and answers {@code Your data was N bytes long}, as the
     * servers of udp_local and udp_remote do; a datagram that is not ASCII is shown as its bytes'
     * {@code repr()} ({@link Text#shown}) and answered like any other.
     */
    static void answerWithLength(Datagram datagram, DatagramSender sock, PrintWriter out) {
        out.println("The client at " + PythonFormat.sockname(datagram.sender()) + " says "
                + Text.shown(datagram.data()));
        sock.replyAsync(datagram, Text.bytes("Your data was " + datagram.length() + " bytes long"));
    }
}

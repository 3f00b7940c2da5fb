package dev.toolkit.examples.ch05;

import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.examples.support.OneShotServer;
import dev.toolkit.examples.support.PythonFormat;
import dev.toolkit.examples.support.Sockets;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/**
 * What chapter 5's two scripts share: the command line {@code [hostname] [-c] [-p port]} ({@code -c} runs
 * the client), and a server that accepts one connection, shuts down its write side at once, and exits when
 * the conversation ends.
 */
abstract class ClientOrServer extends ListingCommand {

    @Parameters(arity = "0..1", defaultValue = "127.0.0.1", paramLabel = "hostname",
            description = "IP address or hostname (default: ${DEFAULT-VALUE})")
    private String hostname;

    @Option(names = "-c", description = "run as the client")
    private boolean client;

    @Option(names = "-p", paramLabel = "port", converter = ArgumentTypes.Port.class, defaultValue = "1060",
            description = "TCP port number (default: ${DEFAULT-VALUE})")
    private int port;

    @Override
    public final Integer call() throws IOException, InterruptedException {
        if (client) {
            client(hostname, port);
        } else {
            server(hostname, port);
        }
        return 0;
    }

    /** The server side, listening on {@code host:port}. */
    abstract void server(String host, int port) throws IOException, InterruptedException;

    /** The client side, connecting to {@code host:port}. */
    abstract void client(String host, int port);

    /**
     * Listens on {@code host:port} and holds one conversation, printing what both scripts print; after the
     * connection is accepted and this side's output shut down, {@code conversation} installs the handlers that
     * read the client's data. Returns when the conversation has ended.
     */
    final void serveOnce(String host, int port, ProtocolDefinition conversation)
            throws IOException, InterruptedException {
        try (OneShotServer sock = OneShotServer.start(host, port, getClass().getSimpleName(), sc -> {
            out().println("Accepted connection from " + PythonFormat.sockname(sc.remoteAddress()));
            Sockets.shutdownOutput(sc);
            conversation.initialize(sc);
        })) {
            out().println("Run this script in another window with \"-c\" to connect");
            out().println("Listening at " + PythonFormat.sockname(sock.localAddress()));
            sock.awaitEnd();
        }
    }
}

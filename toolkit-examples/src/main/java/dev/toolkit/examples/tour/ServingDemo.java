package dev.toolkit.examples.tour;

import dev.toolkit.examples.Listing;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo of a server that runs until stopped (the book's servers loop for ever): starts the server listing
 * on 127.0.0.1 with an ephemeral port, reads the port from its {@code Listening at} line, runs clients one
 * after the other (waiting after each until the server has printed what that client makes it print), then
 * stops the server as Ctrl-C would, and checks every program's lines.
 */
public final class ServingDemo extends ListingDemo {

    /** Stands for the server's port in a client's arguments. */
    public static final String PORT = ServerClientDemo.PORT;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One client run: its listing, arguments, and how many lines the server has printed once it is served. */
    public static final class ClientRun {
        final String chapter;
        final String listing;
        final List<String> args;
        final int serverLinesAfter;

        private ClientRun(String chapter, String listing, List<String> args, int serverLinesAfter) {
            this.chapter = chapter;
            this.listing = listing;
            this.args = List.copyOf(args);
            this.serverLinesAfter = serverLinesAfter;
        }

        /**
         * @param args the client's arguments, with {@link #PORT} where the server's port goes
         * @param serverLinesAfter the number of lines the server has printed in all once this client is served
         */
        public static ClientRun of(String chapter, String listing, List<String> args, int serverLinesAfter) {
            return new ClientRun(chapter, listing, args, serverLinesAfter);
        }
    }

    /** Checks the lines the server and each client printed. */
    @FunctionalInterface
    public interface Check {
        /**
         * @param server the server's lines
         * @param clients each client's lines, in run order
         * @return what is wrong; empty when all is as expected
         */
        List<String> problems(List<String> server, List<List<String>> clients);
    }

    private final List<String> serverArgs;
    private final List<ClientRun> clients;
    private final Check check;

    private ServingDemo(String chapter, String listing, String checks, List<String> serverArgs,
                        List<ClientRun> clients, Check check) {
        super(chapter, listing, checks);
        this.serverArgs = List.copyOf(serverArgs);
        this.clients = List.copyOf(clients);
        this.check = check;
    }

    /**
     * A demo of the server {@code chapter listing}.
     *
     * @param serverArgs the server's arguments; they must make it listen on 127.0.0.1, port 0 (and print a
     *     {@code Listening at} line), or on port {@link #PORT}, for which the demo chooses a free port
     */
    public static ServingDemo of(String chapter, String listing, String checks, List<String> serverArgs,
                                 List<ClientRun> clients, Check check) {
        return new ServingDemo(chapter, listing, checks, serverArgs, clients, check);
    }

    @Override
    public List<String> run(PrintWriter console) throws InterruptedException {
        Listing program = program();
        // a server that does not say where it listens gets a free port chosen here, in place of PORT
        int chosenPort = serverArgs.contains(PORT) ? ListeningLine.freePort() : 0;
        List<String> serverArgs = this.serverArgs.stream().map(a -> a.replace(PORT, String.valueOf(chosenPort)))
                .toList();
        console.println("$ toolkit " + chapter() + " " + listing() + " " + String.join(" ", serverArgs));
        List<String> problems = new ArrayList<>();
        List<List<String>> clientLines = new ArrayList<>();
        List<String> serverLines;
        try (ListingRun server = ListingRun.start(program, "server", console, serverArgs)) {
            String port;
            if (chosenPort > 0) {
                ListeningLine.awaitListening(chosenPort, TIMEOUT);
                port = String.valueOf(chosenPort);
            } else {
                String listening = server.awaitLine(line -> ListeningLine.port(line).isPresent(), TIMEOUT);
                port = String.valueOf(ListeningLine.port(listening).orElseThrow());
            }
            for (ClientRun run : clients) {
                List<String> args = run.args.stream().map(a -> a.replace(PORT, port)).toList();
                console.println("$ toolkit " + run.chapter + " " + run.listing + " " + String.join(" ", args));
                try (ListingRun client = ListingRun.start(program(run.chapter, run.listing), "client", console, args)) {
                    int status = client.awaitExit(TIMEOUT);
                    if (status != 0) {
                        problems.add("client " + String.join(" ", args) + " exited with status " + status);
                    }
                    clientLines.add(client.out());
                }
                try {
                    server.awaitLines(run.serverLinesAfter, TIMEOUT);
                } catch (IllegalStateException e) {
                    problems.add(e.getMessage());
                }
            }
            serverLines = server.out();
            console.println("(the server is stopped, as with Ctrl-C)");
        }
        problems.addAll(check.problems(serverLines, clientLines));
        return problems;
    }

}

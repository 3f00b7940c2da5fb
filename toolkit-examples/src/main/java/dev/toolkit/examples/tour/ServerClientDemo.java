package dev.toolkit.examples.tour;

import dev.toolkit.examples.Listing;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo of a server/client listing: starts the listing as a server on 127.0.0.1 with an ephemeral port,
 * reads the port from its {@code Listening at} line, runs the listing as a client against it, waits for both
 * to exit with status 0, and checks their printed lines.
 */
public final class ServerClientDemo extends ListingDemo {

    /** Stands for the server's port in the client's arguments. */
    public static final String PORT = "{port}";

    /** How long each program may take; generous, so only a hang fails. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Checks the lines both programs printed. */
    @FunctionalInterface
    public interface Check {
        /**
         * @param server the server's printed lines
         * @param client the client's printed lines
         * @return what is wrong; empty when everything is as expected
         */
        List<String> problems(List<String> server, List<String> client);
    }

    private final List<String> serverArgs;
    private final List<String> clientArgs;
    private final Check check;

    private ServerClientDemo(String chapter, String listing, String checks, List<String> serverArgs,
                             List<String> clientArgs, Check check) {
        super(chapter, listing, checks);
        this.serverArgs = List.copyOf(serverArgs);
        this.clientArgs = List.copyOf(clientArgs);
        this.check = check;
    }

    /**
     * A demo of {@code chapter listing}.
     *
     * @param checks what {@code check} verifies, in a few words
     * @param serverArgs the server's arguments; they must make it listen on 127.0.0.1, port 0
     * @param clientArgs the client's arguments, with {@link #PORT} where the server's port goes
     * @param check verifies both programs' printed lines
     */
    public static ServerClientDemo of(String chapter, String listing, String checks, List<String> serverArgs,
                                      List<String> clientArgs, Check check) {
        return new ServerClientDemo(chapter, listing, checks, serverArgs, clientArgs, check);
    }

    @Override
    public List<String> run(PrintWriter console) throws InterruptedException {
        Listing program = program();
        console.println("$ toolkit " + chapter() + " " + listing() + " " + String.join(" ", serverArgs));
        try (ListingRun server = ListingRun.start(program, "server", console, serverArgs)) {
            String listening = server.awaitLine(line -> ListeningLine.port(line).isPresent(), TIMEOUT);
            String port = String.valueOf(ListeningLine.port(listening).orElseThrow());
            List<String> args = clientArgs.stream().map(a -> a.replace(PORT, port)).toList();
            console.println("$ toolkit " + chapter() + " " + listing() + " " + String.join(" ", args));
            try (ListingRun client = ListingRun.start(program, "client", console, args)) {
                List<String> problems = new ArrayList<>();
                int clientStatus = client.awaitExit(TIMEOUT);
                int serverStatus = server.awaitExit(TIMEOUT);
                if (clientStatus != 0) {
                    problems.add("client exited with status " + clientStatus);
                }
                if (serverStatus != 0) {
                    problems.add("server exited with status " + serverStatus);
                }
                problems.addAll(check.problems(server.out(), client.out()));
                return problems;
            }
        }
    }
}

package dev.toolkit.examples.ch02;

import dev.toolkit.examples.Listing;
import dev.toolkit.examples.tour.ListingDemo;
import dev.toolkit.examples.tour.ListingRun;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo of a chapter 2 script: starts its server (if it has one) on an ephemeral port, reads the port from
 * the server's first line, runs the client against it, waits until the server has printed what it prints for
 * that client, stops the server (UDP servers run until stopped), and checks both programs' lines.
 */
final class DatagramDemo extends ListingDemo {

    /** Stands for the server's port in the client's arguments. */
    static final String PORT = "{port}";

    /** Generous: only a hang should reach it. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The port in a {@code Listening at ('127.0.0.1', 1060)} or {@code Listening for datagrams at ...} line. */
    static final Pattern LISTENING = Pattern.compile("Listening (?:for datagrams )?at \\('[^']*', (\\d+)\\)");

    /** Checks what the programs printed. */
    @FunctionalInterface
    interface Check {
        /**
         * @param server the server's lines (empty for a script without a server)
         * @param client the client's lines
         * @param clientErr the client's error output
         * @param clientStatus the client's exit status
         * @return what is wrong; empty when all is as expected
         */
        List<String> problems(List<String> server, List<String> client, List<String> clientErr, int clientStatus);
    }

    private final List<String> serverArgs;
    private final List<String> clientArgs;
    private final ToIntFunction<List<String>> serverLines;
    private final Check check;

    private DatagramDemo(String listing, String checks, List<String> serverArgs, List<String> clientArgs,
                         ToIntFunction<List<String>> serverLines, Check check) {
        super("ch02", listing, checks);
        this.serverArgs = serverArgs == null ? null : List.copyOf(serverArgs);
        this.clientArgs = List.copyOf(clientArgs);
        this.serverLines = serverLines;
        this.check = check;
    }

    /**
     * A demo with a server and a client.
     *
     * @param serverLines how many lines the server prints for the client, given the client's lines
     */
    static DatagramDemo withServer(String listing, String checks, List<String> serverArgs, List<String> clientArgs,
                                   ToIntFunction<List<String>> serverLines, Check check) {
        return new DatagramDemo(listing, checks, serverArgs, clientArgs, serverLines, check);
    }

    /** A demo of a script that runs alone. */
    static DatagramDemo alone(String listing, String checks, List<String> args, Check check) {
        return new DatagramDemo(listing, checks, null, args, client -> 0, check);
    }

    @Override
    public List<String> run(PrintWriter console) throws InterruptedException {
        Listing program = program();
        if (serverArgs == null) {
            return runClient(program, console, clientArgs, null);
        }
        console.println("$ toolkit ch02 " + listing() + " " + String.join(" ", serverArgs));
        try (ListingRun server = ListingRun.start(program, "server", console, serverArgs)) {
            String port = port(server.awaitLine(l -> LISTENING.matcher(l).matches(), TIMEOUT));
            List<String> args = clientArgs.stream().map(a -> a.replace(PORT, port)).toList();
            return runClient(program, console, args, server);
        }
    }

    private List<String> runClient(Listing program, PrintWriter console, List<String> args, ListingRun server)
            throws InterruptedException {
        console.println("$ toolkit ch02 " + listing() + " " + String.join(" ", args));
        try (ListingRun client = ListingRun.start(program, "client", console, args)) {
            int status = client.awaitExit(TIMEOUT);
            List<String> serverOut = List.of();
            List<String> problems = new ArrayList<>();
            if (server != null) {
                try {
                    serverOut = server.awaitLines(1 + serverLines.applyAsInt(client.out()), TIMEOUT);
                } catch (IllegalStateException e) {
                    problems.add(e.getMessage());
                    serverOut = server.out();
                }
            }
            problems.addAll(check.problems(serverOut, client.out(), client.err(), status));
            return problems;
        }
    }

    /** The port announced by a {@link #LISTENING} line. */
    static String port(String listeningLine) {
        Matcher m = LISTENING.matcher(listeningLine);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Listening line: " + listeningLine);
        }
        return m.group(1);
    }
}

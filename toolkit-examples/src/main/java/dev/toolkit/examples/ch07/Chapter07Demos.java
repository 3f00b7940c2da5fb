package dev.toolkit.examples.ch07;

import dev.toolkit.examples.tour.Demo;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ServingDemo;
import dev.toolkit.tcp.zen.Aphorisms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.toolkit.examples.tour.Expect.literal;

/**
 * The tour's demos of chapter 7: each Zen server with the book's {@code client} asking its three questions,
 * then {@code client -e} leaving in the middle of a question.
 */
public final class Chapter07Demos {

    static final String ADDR = "\\('127\\.0\\.0\\.1', \\d+\\)";
    static final String LISTENING = "Listening at " + ADDR;

    /** The chapter's demos, in book order. */
    public static final List<Demo> ALL = List.of(
            zen("srv_single", List.of()),
            zen("srv_threaded", List.of()),
            zen("srv_legacy1", List.of()),
            zen("srv_legacy2", List.of()),
            zen("srv_async", List.of()),
            zen("srv_asyncio1", List.of()),
            zen("srv_asyncio2", List.of()),
            zen("server_multi", List.of("thread")),
            new InetdDemo("in_zen1", true, "inetd nowait: a process per client; its lines go to the log"),
            new InetdDemo("in_zen2", false, "inetd wait: one process serves both clients, exits when idle"));

    private Chapter07Demos() {
    }

    /** The server's arguments: {@code 127.0.0.1 EXTRA -p 0}, or a port chosen for a server that prints none. */
    static List<String> serverArgs(String server, List<String> extraArgs) {
        List<String> serverArgs = new ArrayList<>(List.of("127.0.0.1"));
        serverArgs.addAll(extraArgs);
        serverArgs.addAll(List.of("-p", server.equals("srv_legacy1") ? ServingDemo.PORT : "0"));
        return serverArgs;
    }

    private static Demo zen(String server, List<String> extraArgs) {
        List<String> start = startLines(server);
        List<String> first = closingLines(server, false);
        List<String> second = closingLines(server, true);
        int afterFirst = start.size() + first.size();
        return ServingDemo.of("ch07", server, "client gets 3 answers; client -e is logged mid-question",
                serverArgs(server, extraArgs),
                List.of(ServingDemo.ClientRun.of("ch07", "client", List.of("127.0.0.1", "-p", ServingDemo.PORT),
                                afterFirst),
                        ServingDemo.ClientRun.of("ch07", "client",
                                List.of("127.0.0.1", "-e", "-p", ServingDemo.PORT), afterFirst + second.size())),
                (serverLines, clients) -> {
                    List<String> problems = new ArrayList<>(Expect.lines("server", serverLines,
                            serverLines(server)));
                    problems.addAll(checkClient(clients.get(0)));
                    problems.addAll(Expect.lines("client -e", clients.get(1), List.of()));
                    return problems;
                });
    }

    /** What {@code server} prints when it starts (BOOK.md): {@code Listening at ADDR}, or nothing (srv_legacy1). */
    static List<String> startLines(String server) {
        return switch (server) {
            case "srv_legacy1" -> List.of();
            case "server_multi" -> List.of(LISTENING, literal("Serving with 10 worker threads"));
            default -> List.of(LISTENING);
        };
    }

    /**
     * What {@code server} prints (BOOK.md, as patterns) for one connection of {@code client}, or of
     * {@code client -e}, which leaves in the middle of {@code Beautiful is better than?}.
     */
    static List<String> closingLines(String server, boolean midQuestion) {
        String sent = literal("b'Beautiful is better than'");
        String accepted = "Accepted connection from " + ADDR;
        return switch (server) {
            case "srv_legacy1" -> List.of(midQuestion ? "Client " + ADDR + " error: received " + sent
                    + " then socket closed" : "Client socket to " + ADDR + " has closed");
            case "srv_legacy2" -> List.of();
            case "srv_async", "srv_asyncio2" -> List.of(accepted, midQuestion
                    ? "Client " + ADDR + " sent " + sent + " but then closed"
                    : "Client " + ADDR + " closed socket normally");
            case "srv_asyncio1" -> List.of(accepted, midQuestion
                    ? "Client " + ADDR + " sent " + sent + " but then closed" : "Client " + ADDR + " closed socket");
            default -> List.of(accepted, midQuestion ? "Client " + ADDR + " error: received " + sent
                    + " then socket closed" : "Client socket to " + ADDR + " has closed");
        };
    }

    /** Everything {@code server} prints for {@code client} and then {@code client -e}. */
    static List<String> serverLines(String server) {
        List<String> lines = new ArrayList<>(startLines(server));
        lines.addAll(closingLines(server, false));
        lines.addAll(closingLines(server, true));
        return lines;
    }

    /** Checks the client's three {@code b'Q?' b'A.'} lines: each question once, each with its answer. */
    static List<String> checkClient(List<String> lines) {
        List<String> problems = new ArrayList<>();
        if (lines.size() != 3) {
            problems.add("client printed " + lines.size() + " lines, expected 3: " + lines);
            return problems;
        }
        Set<String> asked = new HashSet<>();
        for (String line : lines) {
            boolean matched = false;
            for (String q : Aphorisms.questions()) {
                if (line.equals("b'" + q + "' b'" + Aphorisms.answer(q) + "'")) {
                    matched = asked.add(q);
                }
            }
            if (!matched) {
                problems.add("client line is not a question and its answer (or a repeat): " + line);
            }
        }
        return problems;
    }
}

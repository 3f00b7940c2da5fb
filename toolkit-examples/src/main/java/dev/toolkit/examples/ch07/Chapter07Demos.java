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
            zen("srv_single", List.of(), List.of(LISTENING)),
            zen("srv_threaded", List.of(), List.of(LISTENING)),
            zen("srv_legacy1", List.of(), List.of(LISTENING)),
            zen("srv_legacy2", List.of(), List.of(LISTENING)),
            zen("srv_async", List.of(), List.of(LISTENING)),
            zen("srv_asyncio1", List.of(), List.of(LISTENING)),
            zen("srv_asyncio2", List.of(), List.of(LISTENING)),
            zen("server_multi", List.of("thread"), List.of(LISTENING, literal("Serving with 10 worker threads"))),
            new InetdDemo("in_zen1", true, "inetd nowait: a process per client; its lines go to the log"),
            new InetdDemo("in_zen2", false, "inetd wait: one process serves both clients, exits when idle"));

    private Chapter07Demos() {
    }

    private static Demo zen(String server, List<String> extraArgs, List<String> start) {
        List<String> serverArgs = new ArrayList<>(List.of("127.0.0.1"));
        serverArgs.addAll(extraArgs);
        serverArgs.addAll(List.of("-p", "0"));
        int n = start.size();
        return ServingDemo.of("ch07", server, "client gets 3 answers; client -e is logged mid-question",
                serverArgs,
                List.of(ServingDemo.ClientRun.of("ch07", "client", List.of("127.0.0.1", "-p", ServingDemo.PORT),
                                n + 2),
                        ServingDemo.ClientRun.of("ch07", "client",
                                List.of("127.0.0.1", "-e", "-p", ServingDemo.PORT), n + 4)),
                (serverLines, clients) -> {
                    List<String> problems = new ArrayList<>(Expect.lines("server", serverLines,
                            serverLines(start)));
                    problems.addAll(checkClient(clients.get(0)));
                    problems.addAll(Expect.lines("client -e", clients.get(1), List.of()));
                    return problems;
                });
    }

    /** What a Zen server prints for {@code client} and then {@code client -e}. */
    static List<String> serverLines(List<String> start) {
        List<String> lines = new ArrayList<>(start);
        lines.add("Accepted connection from " + ADDR);
        lines.add("Client socket to " + ADDR + " has closed");
        lines.add("Accepted connection from " + ADDR);
        lines.add("Client " + ADDR + " error: received b'Beautiful is better than' then socket closed");
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

package dev.toolkit.examples.ch05;

import dev.toolkit.examples.tour.Demo;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ServerClientDemo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.toolkit.examples.tour.Expect.literal;

/** The tour's demos of chapter 5: each listing's server and client talking on loopback. */
public final class Chapter05Demos {

    /** What the servers print before their conversation starts. */
    static final List<String> SERVER_START = List.of(
            literal("Run this script in another window with \"-c\" to connect"),
            "Listening at \\('127\\.0\\.0\\.1', \\d+\\)",
            "Accepted connection from \\('127\\.0\\.0\\.1', \\d+\\)");

    /** The three lines of the Zen of Python both clients send. */
    static final List<String> ZEN = List.of(
            "Beautiful is better than ugly.",
            "Explicit is better than implicit.",
            "Simple is better than complex.");

    private static final List<String> SERVER_ARGS = List.of("127.0.0.1", "-p", "0");
    private static final List<String> CLIENT_ARGS = List.of("127.0.0.1", "-c", "-p", ServerClientDemo.PORT);

    /** The chapter's demos, in book order. */
    public static final List<Demo> ALL = List.of(
            ServerClientDemo.of("ch05", "blocks",
                    "3 length-prefixed blocks arrive in order; a zero-length block ends the stream",
                    SERVER_ARGS, CLIENT_ARGS, Chapter05Demos::checkBlocks),
            ServerClientDemo.of("ch05", "streamer",
                    "3 lines arrive as one message delimited by end of file",
                    SERVER_ARGS, CLIENT_ARGS, Chapter05Demos::checkStreamer));

    private Chapter05Demos() {
    }

    /** The lines a blocks server prints for the book's client. */
    static List<String> blocksServerLines() {
        List<String> expected = new ArrayList<>(SERVER_START);
        ZEN.forEach(line -> expected.add(literal("Block says: b'" + line + "'")));
        return expected;
    }

    /**
     * The lines a streamer server prints for the book's client, after the reads, which the network may split
     * differently from run to run.
     */
    static List<String> streamerServerEnd() {
        List<String> expected = new ArrayList<>();
        expected.add(literal("Received zero bytes - end of file"));
        expected.add(literal("Message:"));
        expected.add("");
        ZEN.forEach(line -> expected.add(literal(line)));
        expected.add("");
        return expected;
    }

    private static List<String> checkBlocks(List<String> server, List<String> client) {
        List<String> problems = new ArrayList<>(Expect.lines("server", server, blocksServerLines()));
        problems.addAll(Expect.lines("client", client, List.of()));
        return problems;
    }

    private static List<String> checkStreamer(List<String> server, List<String> client) {
        List<String> problems = checkStreamerServer(server);
        problems.addAll(Expect.lines("client", client, List.of()));
        return problems;
    }

    /**
     * Checks a streamer server's lines: the start, one or more {@code Received N bytes} lines adding up to the
     * three lines' length, then the end of file and the message.
     */
    static List<String> checkStreamerServer(List<String> server) {
        Pattern received = Pattern.compile("Received (\\d+) bytes");
        int start = SERVER_START.size();
        int reads = start;
        long total = 0;
        while (reads < server.size()) {
            Matcher m = received.matcher(server.get(reads));
            if (!m.matches()) {
                break;
            }
            total += Long.parseLong(m.group(1));
            reads++;
        }
        List<String> problems = new ArrayList<>(
                Expect.lines("server", server.subList(0, Math.min(start, server.size())), SERVER_START));
        long expectedTotal = ZEN.stream().mapToInt(line -> line.length() + 1).sum();
        if (reads == start || total != expectedTotal) {
            problems.add("server's reads add up to " + total + " bytes in " + (reads - start)
                    + " reads; expected " + expectedTotal + " bytes");
        }
        problems.addAll(Expect.lines("server (after the reads)", server.subList(reads, server.size()),
                streamerServerEnd()));
        return problems;
    }
}

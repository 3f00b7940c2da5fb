package dev.toolkit.examples.ch03;

import dev.toolkit.examples.tour.Demo;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ServingDemo;

import java.util.ArrayList;
import java.util.List;

import static dev.toolkit.examples.tour.Expect.literal;

/** The tour's demos of chapter 3: each script's client against its server on loopback. */
public final class Chapter03Demos {

    static final String ADDR = "\\('127\\.0\\.0\\.1', \\d+\\)";

    /** The size the safe variant's demo sends: enough to fill both sides' socket buffers. */
    static final int SAFE_BYTES = 8 * 1024 * 1024;

    /** The chapter's demos, in book order. */
    public static final List<Demo> ALL = List.of(
            ServingDemo.of("ch03", "tcp_sixteen", "16 octets each way; names and peers printed",
                    List.of("server", "127.0.0.1", "-p", "0"),
                    List.of(ServingDemo.ClientRun.of("ch03", "tcp_sixteen",
                            List.of("client", "127.0.0.1", "-p", ServingDemo.PORT), 8)),
                    (server, clients) -> {
                        List<String> problems = new ArrayList<>(Expect.lines("server", server, sixteenServer()));
                        problems.addAll(Expect.lines("client", clients.get(0), List.of(
                                "Client has been assigned socket name " + ADDR,
                                literal("The server said b'Farewell, client'"))));
                        return problems;
                    }),
            ServingDemo.of("ch03", "tcp_deadlock", "16 bytes come back upper-cased",
                    List.of("server", "127.0.0.1", "-p", "0"),
                    List.of(ServingDemo.ClientRun.of("ch03", "tcp_deadlock",
                            List.of("client", "127.0.0.1", "16", "-p", ServingDemo.PORT), 4)),
                    (server, clients) -> {
                        List<String> problems = new ArrayList<>(Expect.lines("server", server, List.of(
                                "Listening at " + ADDR,
                                "Processing up to 1024 bytes at a time from " + ADDR,
                                literal("\r  16 bytes processed so far "),
                                literal("  Socket closed"))));
                        problems.addAll(Expect.lines("client", clients.get(0), List.of(
                                literal("Sending 16 bytes of data, in chunks of 16 bytes"),
                                literal("\r  16 bytes sent "),
                                literal("Receiving all the data the server sends back"),
                                literal("  The first data received says b'CAPITALIZE THIS!'"),
                                literal("\r  16 bytes received "))));
                        return problems;
                    }),
            ServingDemo.of("ch03", "tcp_deadlock_safe", SAFE_BYTES + " bytes round-trip: reading while writing",
                    List.of("server", "127.0.0.1", "-p", "0"),
                    List.of(ServingDemo.ClientRun.of("ch03", "tcp_deadlock_safe",
                            List.of("client", "127.0.0.1", String.valueOf(SAFE_BYTES), "-p", ServingDemo.PORT),
                            4)),
                    (server, clients) -> {
                        List<String> problems = new ArrayList<>(Expect.lines("server", server, List.of(
                                "Listening at " + ADDR,
                                "Processing up to 1024 bytes at a time from " + ADDR,
                                // one progress update per 1024 bytes on one line; the last one counts them all
                                "(?s).*" + literal("\r  " + SAFE_BYTES + " bytes processed so far "),
                                literal("  Socket closed"))));
                        problems.addAll(Expect.lines("client", clients.get(0), List.of(
                                literal("Sending " + SAFE_BYTES + " bytes of data, in chunks of 16 bytes"),
                                literal("Receiving the data the server sends back while sending"),
                                literal("  The first data received says b'CAPITALIZE THIS!CAPITALIZE THIS!CAPITALIZE'"),
                                literal("  " + SAFE_BYTES + " bytes sent"),
                                literal("  " + SAFE_BYTES + " bytes received"))));
                        return problems;
                    }));

    private Chapter03Demos() {
    }

    /** What the tcp_sixteen server prints for one client. */
    static List<String> sixteenServer() {
        return List.of(
                "Listening at " + ADDR,
                literal("Waiting to accept a new connection"),
                "We have accepted a connection from " + ADDR,
                "  Socket name: " + ADDR,
                "  Socket peer: " + ADDR,
                literal("  Incoming sixteen-octet message: b'Hi there, server'"),
                literal("  Reply sent, socket closed"),
                literal("Waiting to accept a new connection"));
    }
}

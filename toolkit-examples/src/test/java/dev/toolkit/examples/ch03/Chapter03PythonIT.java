package dev.toolkit.examples.ch03;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.ch05.PythonPeer;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListeningLine;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.toolkit.examples.tour.Expect.literal;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** tcp_sixteen in Java against a Python 3 peer ({@code src/test/resources/python/tcp_sixteen.py}) both ways. */
class Chapter03PythonIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> CLIENT = List.of(
            "Client has been assigned socket name " + Chapter03Demos.ADDR,
            literal("The server said b'Farewell, client'"));

    @Test
    void javaServerWithPythonClient() throws Exception {
        try (ListingRun server = ListingRun.start(Catalog.find("ch03", "tcp_sixteen").orElseThrow(), "server",
                null, List.of("server", "127.0.0.1", "-p", "0"))) {
            String port = String.valueOf(ListeningLine.port(
                    server.awaitLine(l -> l.startsWith("Listening at"), TIMEOUT)).orElseThrow());
            try (PythonPeer python = PythonPeer.start("tcp_sixteen.py", "client", "127.0.0.1", "-p", port)) {
                assertEquals(0, python.awaitExit(TIMEOUT), python.err().toString());
                assertEquals(List.of(), Expect.lines("python client", python.out(), CLIENT));
            }
            server.awaitLines(8, TIMEOUT);
            assertEquals(List.of(), Expect.lines("java server", server.out(), Chapter03Demos.sixteenServer()));
        }
    }

    @Test
    void javaClientWithPythonServer() throws Exception {
        try (PythonPeer python = PythonPeer.start("tcp_sixteen.py", "server", "127.0.0.1", "-p", "0")) {
            String port = String.valueOf(ListeningLine.port(
                    python.awaitLine(l -> l.startsWith("Listening at"), TIMEOUT)).orElseThrow());
            try (ListingRun client = ListingRun.start(Catalog.find("ch03", "tcp_sixteen").orElseThrow(), "client",
                    null, List.of("client", "127.0.0.1", "-p", port))) {
                assertEquals(0, client.awaitExit(TIMEOUT), client.err().toString());
                assertEquals(List.of(), Expect.lines("java client", client.out(), CLIENT));
            }
            python.awaitLine(l -> l.equals("  Reply sent, socket closed"), TIMEOUT);
            python.awaitLine(l -> l.equals("Waiting to accept a new connection") && python.out().size() >= 8,
                    TIMEOUT);
            assertEquals(List.of(), Expect.lines("python server", python.out(), Chapter03Demos.sixteenServer()));
        }
    }
}

package dev.toolkit.examples.ch07;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.ch05.PythonPeer;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListeningLine;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Chapter 7's Java servers with a Python 3 Zen client, and the Java client with a Python 3 Zen server
 * ({@code src/test/resources/python/zen.py}, standard library only): the same bytes and the same printed lines
 * both ways.
 */
class Chapter07PythonIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = {"srv_single", "srv_threaded", "srv_legacy1", "srv_legacy2", "srv_async",
            "srv_asyncio1", "srv_asyncio2", "server_multi"})
    void javaServerWithPythonClient(String listing) throws Exception {
        int start = Chapter07Demos.startLines(listing).size();
        int first = Chapter07Demos.closingLines(listing, false).size();
        int second = Chapter07Demos.closingLines(listing, true).size();
        try (ZenServerRun run = ZenServerRun.start(listing, TIMEOUT)) {
            ListingRun server = run.server();
            String port = String.valueOf(run.port());
            List<String> pythonOut;
            try (PythonPeer python = PythonPeer.start("zen.py", "client", "127.0.0.1", "-p", port)) {
                assertEquals(0, python.awaitExit(TIMEOUT), python.err().toString());
                pythonOut = python.out();
            }
            server.awaitLines(start + first, TIMEOUT);
            try (PythonPeer python = PythonPeer.start("zen.py", "client", "127.0.0.1", "-e", "-p", port)) {
                assertEquals(0, python.awaitExit(TIMEOUT), python.err().toString());
                assertEquals(List.of(), python.out());
            }
            server.awaitLines(start + first + second, TIMEOUT);
            assertEquals(List.of(), Chapter07Demos.checkClient(pythonOut));
            assertEquals(List.of(), Expect.lines("java server", server.out(), Chapter07Demos.serverLines(listing)));
        }
    }

    @Test
    void javaClientWithPythonServer() throws Exception {
        try (PythonPeer python = PythonPeer.start("zen.py", "server", "127.0.0.1", "-p", "0")) {
            String port = String.valueOf(ListeningLine.port(
                    python.awaitLine(l -> l.startsWith("Listening at"), TIMEOUT)).orElseThrow());
            try (ListingRun client = ListingRun.start(Catalog.find("ch07", "client").orElseThrow(), "client", null,
                    List.of("127.0.0.1", "-p", port))) {
                assertEquals(0, client.awaitExit(TIMEOUT), client.err().toString());
                assertEquals(List.of(), Chapter07Demos.checkClient(client.out()));
            }
            python.awaitLine(l -> l.endsWith("has closed"), TIMEOUT);
            try (ListingRun client = ListingRun.start(Catalog.find("ch07", "client").orElseThrow(), "client", null,
                    List.of("127.0.0.1", "-e", "-p", port))) {
                assertEquals(0, client.awaitExit(TIMEOUT), client.err().toString());
                assertEquals(List.of(), client.out());
            }
            python.awaitLine(l -> l.contains("then socket closed"), TIMEOUT);
            assertEquals(List.of(), Expect.lines("python server", python.out(),
                    Chapter07Demos.serverLines("srv_single")));
        }
    }
}

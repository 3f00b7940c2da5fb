package dev.toolkit.examples.ch05;

import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListeningLine;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.toolkit.examples.ch05.Chapter05Programs.TIMEOUT;
import static dev.toolkit.examples.ch05.Chapter05Programs.client;
import static dev.toolkit.examples.ch05.Chapter05Programs.portOf;
import static dev.toolkit.examples.ch05.Chapter05Programs.server;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Chapter 5's Java listings against Python 3 peers (standard library only, {@code src/test/resources/python}):
 * each Java server with a Python client and each Java client with a Python server, on loopback. Both sides
 * must print what the book's programs print, which needs the same bytes on the wire and the same half-closes.
 */
class Chapter05PythonIT {

    @Test
    void javaBlocksServerWithPythonClient() throws Exception {
        try (ListingRun javaServer = server("blocks");
             PythonPeer python = PythonPeer.start("blocks.py", "127.0.0.1", "-c", "-p",
                     String.valueOf(portOf(javaServer)))) {
            assertEquals(0, python.awaitExit(TIMEOUT), "python client: " + python.err());
            assertEquals(0, javaServer.awaitExit(TIMEOUT), "java server: " + javaServer.err());
            assertEquals(List.of(), python.out());
            assertEquals(List.of(), python.err());
            assertEquals(List.of(), Expect.lines("java server", javaServer.out(),
                    Chapter05Demos.blocksServerLines()));
        }
    }

    @Test
    void javaBlocksClientWithPythonServer() throws Exception {
        try (PythonPeer python = PythonPeer.start("blocks.py", "127.0.0.1", "-p", "0");
             ListingRun javaClient = client("blocks", pythonPort(python))) {
            assertEquals(0, javaClient.awaitExit(TIMEOUT), "java client: " + javaClient.err());
            assertEquals(0, python.awaitExit(TIMEOUT), "python server: " + python.err());
            assertEquals(List.of(), javaClient.out());
            assertEquals(List.of(), javaClient.err());
            assertEquals(List.of(), Expect.lines("python server", python.out(),
                    Chapter05Demos.blocksServerLines()));
        }
    }

    @Test
    void javaStreamerServerWithPythonClient() throws Exception {
        try (ListingRun javaServer = server("streamer");
             PythonPeer python = PythonPeer.start("streamer.py", "127.0.0.1", "-c", "-p",
                     String.valueOf(portOf(javaServer)))) {
            assertEquals(0, python.awaitExit(TIMEOUT), "python client: " + python.err());
            assertEquals(0, javaServer.awaitExit(TIMEOUT), "java server: " + javaServer.err());
            assertEquals(List.of(), python.out());
            assertEquals(List.of(), python.err());
            assertEquals(List.of(), Chapter05Demos.checkStreamerServer(javaServer.out()));
        }
    }

    @Test
    void javaStreamerClientWithPythonServer() throws Exception {
        try (PythonPeer python = PythonPeer.start("streamer.py", "127.0.0.1", "-p", "0");
             ListingRun javaClient = client("streamer", pythonPort(python))) {
            assertEquals(0, javaClient.awaitExit(TIMEOUT), "java client: " + javaClient.err());
            assertEquals(0, python.awaitExit(TIMEOUT), "python server: " + python.err());
            assertEquals(List.of(), javaClient.out());
            assertEquals(List.of(), javaClient.err());
            assertEquals(List.of(), Chapter05Demos.checkStreamerServer(python.out()));
        }
    }

    @Test
    void pythonPeerWordsAnEarlyEndOfFileAsTheJavaServerDoes() throws Exception {
        // Sanity check of the peer itself: an empty stream is an EOF error on both sides, worded alike.
        try (PythonPeer python = PythonPeer.start("blocks.py", "127.0.0.1", "-p", "0")) {
            Chapter05Programs.connect(pythonPort(python)).close();
            assertEquals(1, python.awaitExit(TIMEOUT));
            List<String> err = python.err();
            assertEquals("EOFError: socket closed with 4 bytes left in this block", err.get(err.size() - 1));
        }
    }

    /** The port of a Python server started with {@code -p 0}, read from its {@code Listening at} line. */
    private static int pythonPort(PythonPeer python) throws InterruptedException {
        String line = python.awaitLine(l -> ListeningLine.port(l).isPresent(), TIMEOUT);
        return ListeningLine.port(line).orElseThrow();
    }
}

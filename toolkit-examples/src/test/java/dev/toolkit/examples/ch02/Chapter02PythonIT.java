package dev.toolkit.examples.ch02;

import dev.toolkit.examples.ch05.PythonPeer;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.toolkit.examples.ch02.Chapter02Programs.TIMEOUT;
import static dev.toolkit.examples.ch02.Chapter02Programs.portOf;
import static dev.toolkit.examples.ch02.Chapter02Programs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Chapter 2's Java listings against Python 3 peers (standard library only, {@code src/test/resources/python}):
 * each Java server with a Python client and each Java client with a Python server, on loopback. Both sides
 * print what the book's programs print, which needs the same bytes on the wire, the same replies and the same
 * back-off.
 */
class Chapter02PythonIT {

    /** The Python server's seed that drops the first two requests and answers the rest. */
    private static final String PYTHON_DROP_TWICE_SEED = "82";

    @Test
    void javaUdpRemoteServerWithPythonClient() throws Exception {
        try (ListingRun javaServer = run("udp_remote", "server", "server", "127.0.0.1", "-p", "0", "--seed",
                String.valueOf(Chapter02Demos.DROP_TWICE_SEED));
             PythonPeer python = PythonPeer.start("udp_remote.py", "client", "127.0.0.1", "-p",
                     String.valueOf(portOf(javaServer)))) {
            assertEquals(0, python.awaitExit(TIMEOUT), "python client: " + python.err());
            List<String> client = python.out();
            List<String> server = javaServer.awaitLines(1 + Chapter02Demos.sends(client), TIMEOUT);
            assertEquals(List.of(), Chapter02Demos.checkUdpRemote(server, client, python.err(), 0));
            assertEquals("Waiting up to 0.2 seconds for a reply", client.get(2), "python dropped twice");
        }
    }

    @Test
    void javaUdpRemoteClientWithPythonServer() throws Exception {
        try (PythonPeer python = PythonPeer.start("udp_remote.py", "server", "127.0.0.1", "-p", "0", "--seed",
                PYTHON_DROP_TWICE_SEED);
             ListingRun javaClient = run("udp_remote", "client", "client", "127.0.0.1", "-p",
                     String.valueOf(pythonPort(python)))) {
            assertEquals(0, javaClient.awaitExit(TIMEOUT), "java client: " + javaClient.err());
            int sends = Chapter02Demos.sends(javaClient.out());
            python.awaitLine(l -> l.startsWith("The client at"), TIMEOUT);
            List<String> server = python.out();
            assertEquals(List.of(), Chapter02Demos.checkUdpRemote(server.subList(0, Math.min(server.size(),
                    1 + sends)), javaClient.out(), javaClient.err(), 0));
            assertEquals("Waiting up to 0.2 seconds for a reply", javaClient.out().get(2), "java dropped twice");
        }
    }

    @Test
    void javaUdpLocalServerWithPythonClient() throws Exception {
        try (ListingRun javaServer = run("udp_local", "server", "server", "-p", "0")) {
            int port = portOf(javaServer);
            try (PythonPeer python = PythonPeer.start("udp_local.py", "client", "-p", String.valueOf(port))) {
                assertEquals(0, python.awaitExit(TIMEOUT), "python client: " + python.err());
                assertEquals(List.of(), Expect.lines("python client", python.out(),
                        Chapter02Demos.udpLocalClientLines(String.valueOf(port))));
                assertEquals(List.of(), Expect.lines("java server", javaServer.awaitLines(2, TIMEOUT),
                        Chapter02Demos.udpLocalServerLines()));
            }
        }
    }

    @Test
    void javaUdpLocalClientWithPythonServer() throws Exception {
        try (PythonPeer python = PythonPeer.start("udp_local.py", "server", "-p", "0")) {
            int port = pythonPort(python);
            try (ListingRun javaClient = run("udp_local", "client", "client", "-p", String.valueOf(port))) {
                assertEquals(0, javaClient.awaitExit(TIMEOUT), "java client: " + javaClient.err());
                assertEquals(List.of(), Expect.lines("java client", javaClient.out(),
                        Chapter02Demos.udpLocalClientLines(String.valueOf(port))));
                python.awaitLine(l -> l.startsWith("The client at"), TIMEOUT);
                assertEquals(List.of(), Expect.lines("python server", python.out(),
                        Chapter02Demos.udpLocalServerLines()));
            }
        }
    }

    /** The port of a Python server started with {@code -p 0}, read from its {@code Listening at} line. */
    private static int pythonPort(PythonPeer python) throws InterruptedException {
        String line = python.awaitLine(l -> DatagramDemo.LISTENING.matcher(l).matches(), TIMEOUT);
        return Integer.parseInt(DatagramDemo.port(line));
    }
}

package dev.toolkit.examples.ch02;

import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.toolkit.examples.ch02.Chapter02Programs.TIMEOUT;
import static dev.toolkit.examples.ch02.Chapter02Programs.closedPort;
import static dev.toolkit.examples.ch02.Chapter02Programs.portOf;
import static dev.toolkit.examples.ch02.Chapter02Programs.receive;
import static dev.toolkit.examples.ch02.Chapter02Programs.run;
import static dev.toolkit.examples.ch02.Chapter02Programs.send;
import static dev.toolkit.examples.ch02.Chapter02Programs.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpRemoteTest {

    private static final String SEED = String.valueOf(Chapter02Demos.DROP_TWICE_SEED);

    @Test
    void clientBacksOffUntilTheServerAnswers() throws Exception {
        try (ListingRun server = run("udp_remote", "server", "server", "127.0.0.1", "-p", "0", "--seed", SEED)) {
            int port = portOf(server);
            try (ListingRun client = run("udp_remote", "client", "client", "127.0.0.1", "-p", String.valueOf(port))) {
                assertEquals(0, client.awaitExit(TIMEOUT), String.valueOf(client.err()));
                List<String> serverLines = server.awaitLines(1 + Chapter02Demos.sends(client.out()), TIMEOUT);
                assertEquals(List.of(), Chapter02Demos.checkUdpRemote(serverLines, client.out(), client.err(), 0));
                assertTrue(Chapter02Demos.sends(client.out()) >= 3, String.valueOf(client.out()));
            }
        }
    }

    @Test
    void seededServerDropsTwiceThenAnswersEveryDatagram() throws Exception {
        try (ListingRun server = run("udp_remote", "server", "server", "127.0.0.1", "-p", "0", "--seed", SEED);
             DatagramSocket sock = socket()) {
            int port = portOf(server);
            for (int i = 0; i < 3; i++) {
                send(sock, Text.bytes(UdpRemote.MESSAGE), port);
            }
            assertEquals("Your data was 23 bytes long", receive(sock));
            List<String> lines = server.awaitLines(4, TIMEOUT);
            String peer = "('127.0.0.1', " + sock.getLocalPort() + ")";
            assertEquals(List.of("Pretending to drop packet from " + peer, "Pretending to drop packet from " + peer,
                    "The client at " + peer + " says 'This is another message'"), lines.subList(1, 4));
        }
    }

    @Test
    void clientGivesUpAfterFiveSendsOnTheBooksSchedule() throws Exception {
        try (DatagramSocket silent = socket();
             ListingRun client = run("udp_remote", "client", "client", "127.0.0.1", "-p",
                     String.valueOf(silent.getLocalPort()))) {
            assertEquals(1, client.awaitExit(TIMEOUT));
            List<String> expected = new ArrayList<>();
            for (String wait : Chapter02Demos.WAITS) {
                expected.add("Waiting up to " + wait + " seconds for a reply");
            }
            List<String> out = client.out();
            assertTrue(out.get(0).matches("Client socket name is \\('127\\.0\\.0\\.1', \\d+\\)"), out.get(0));
            assertEquals(expected, out.subList(1, out.size()));
            assertEquals(List.of("RuntimeError: I think the server is down"), client.err());
            // on the wire: exactly five copies of the request
            for (int i = 0; i < 5; i++) {
                assertEquals(UdpRemote.MESSAGE, receive(silent));
            }
            silent.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> receive(silent));
        }
    }

    @Test
    void clientOfAClosedPortIsRefused() throws Exception {
        try (ListingRun client = run("udp_remote", "client", "client", "127.0.0.1", "-p",
                String.valueOf(closedPort()))) {
            assertEquals(1, client.awaitExit(TIMEOUT));
            assertEquals(List.of("ConnectionRefusedError: [Errno 111] Connection refused"), client.err());
            assertEquals("Waiting up to 0.1 seconds for a reply", client.out().get(1));
        }
    }

    @Test
    void waitsPrintAsPythonFloats() {
        assertEquals("0.1", UdpRemote.seconds(Duration.ofMillis(100)));
        assertEquals("1.6", UdpRemote.seconds(Duration.ofMillis(1600)));
    }

    @Test
    void hostIsRequired() throws Exception {
        try (ListingRun client = run("udp_remote", "client", "client")) {
            assertEquals(2, client.awaitExit(TIMEOUT));
            List<String> err = client.err();
            assertTrue(err.get(0).endsWith("udp_remote [-h] [-p PORT] {client,server} host"), String.valueOf(err));
            assertEquals("udp_remote: error: the following arguments are required: host", err.get(1));
        }
    }
}

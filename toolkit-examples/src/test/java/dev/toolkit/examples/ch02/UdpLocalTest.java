package dev.toolkit.examples.ch02;

import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.util.List;

import static dev.toolkit.examples.ch02.Chapter02Programs.TIMEOUT;
import static dev.toolkit.examples.ch02.Chapter02Programs.portOf;
import static dev.toolkit.examples.ch02.Chapter02Programs.receive;
import static dev.toolkit.examples.ch02.Chapter02Programs.run;
import static dev.toolkit.examples.ch02.Chapter02Programs.send;
import static dev.toolkit.examples.ch02.Chapter02Programs.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpLocalTest {

    @Test
    void javaClientAndJavaServerTalk() throws Exception {
        try (ListingRun server = run("udp_local", "server", "server", "-p", "0")) {
            int port = portOf(server);
            try (ListingRun client = run("udp_local", "client", "client", "-p", String.valueOf(port))) {
                assertEquals(0, client.awaitExit(TIMEOUT), String.valueOf(client.err()));
                assertEquals(List.of(), Expect.lines("client", client.out(),
                        Chapter02Demos.udpLocalClientLines(String.valueOf(port))));
                assertEquals(List.of(), Expect.lines("server", server.awaitLines(2, TIMEOUT),
                        Chapter02Demos.udpLocalServerLines()));
            }
        }
    }

    @Test
    void serverAnswersAnyDatagramWithItsLengthAndPrintsItsRepr() throws Exception {
        try (ListingRun server = run("udp_local", "server", "server", "-p", "0"); DatagramSocket sock = socket()) {
            int port = portOf(server);
            send(sock, "it's \"quoted\"\ttab".getBytes(java.nio.charset.StandardCharsets.US_ASCII), port);
            assertEquals("Your data was 17 bytes long", receive(sock));
            send(sock, new byte[0], port);
            assertEquals("Your data was 0 bytes long", receive(sock));
            List<String> lines = server.awaitLines(3, TIMEOUT);
            assertTrue(lines.get(1).endsWith(" says 'it\\'s \"quoted\"\\ttab'"), lines.get(1));
            assertTrue(lines.get(2).endsWith(" says ''"), lines.get(2));
        }
    }

    @Test
    void serverStopsOnANonAsciiDatagramAsPythonDoes() throws Exception {
        try (ListingRun server = run("udp_local", "server", "server", "-p", "0"); DatagramSocket sock = socket()) {
            send(sock, new byte[] {'o', 'k', (byte) 0xff}, portOf(server));
            assertEquals(1, server.awaitExit(TIMEOUT));
            assertEquals(List.of("UnicodeDecodeError: 'ascii' codec can't decode byte 0xff in position 2: ordinal "
                    + "not in range(128)"), server.err());
        }
    }

    @Test
    void clientTakesTheFirstDatagramFromAnyone() throws Exception {
        try (DatagramSocket silent = socket(); DatagramSocket impostor = socket();
             ListingRun client = run("udp_local", "client", "client", "-p", String.valueOf(silent.getLocalPort()))) {
            String sent = receive(silent);
            assertTrue(sent.matches("The time is \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"), sent);
            String assigned = client.awaitLine(l -> l.startsWith("The OS assigned me"), TIMEOUT);
            int clientPort = Integer.parseInt(assigned.replaceAll(".*, (\\d+)\\)$", "$1"));
            send(impostor, "FAKE".getBytes(java.nio.charset.StandardCharsets.US_ASCII), clientPort);
            assertEquals(0, client.awaitExit(TIMEOUT));
            assertEquals("The server ('127.0.0.1', " + impostor.getLocalPort() + ") replied 'FAKE'",
                    client.out().get(1));
        }
    }

    @Test
    void textIsPrintedAsPythonPrintsIt() {
        assertTrue(Text.now().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"), Text.now());
        assertEquals("\"it's\"", Text.repr("it's"));
        assertEquals("'it\\'s \"so\"'", Text.repr("it's \"so\""));
        assertEquals("'a\\tb'", Text.repr("a\tb"));
    }
}

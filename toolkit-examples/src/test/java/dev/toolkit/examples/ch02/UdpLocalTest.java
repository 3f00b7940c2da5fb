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
    void serverShowsANonAsciiOrLongDatagramCutShortAndCarriesOn() throws Exception {
        try (ListingRun server = run("udp_local", "server", "server", "-p", "0"); DatagramSocket sock = socket()) {
            int port = portOf(server);
            send(sock, new byte[] {'o', 'k', (byte) 0xff}, port);
            assertEquals("Your data was 3 bytes long", receive(sock));
            send(sock, "#".repeat(5000).getBytes(java.nio.charset.StandardCharsets.US_ASCII), port);
            assertEquals("Your data was 5000 bytes long", receive(sock));
            byte[] mixed = new byte[300];
            java.util.Arrays.fill(mixed, (byte) 0xe9);
            send(sock, mixed, port);
            assertEquals("Your data was 300 bytes long", receive(sock));
            List<String> lines = server.awaitLines(4, TIMEOUT);
            assertTrue(lines.get(1).endsWith(" says b'ok\\xff'"), lines.get(1));
            assertTrue(lines.get(2).endsWith(" says '" + "#".repeat(Text.SHOWN) + "'... (4900 more bytes)"),
                    lines.get(2));
            assertTrue(lines.get(3).endsWith(" says b'" + "\\xe9".repeat(Text.SHOWN) + "'... (200 more bytes)"),
                    lines.get(3));
            assertEquals(List.of(), server.err());
        }
    }

    @Test
    void clientShowsANonAsciiReplyAsBytes() throws Exception {
        try (DatagramSocket server = socket();
             ListingRun client = run("udp_local", "client", "client", "-p", String.valueOf(server.getLocalPort()))) {
            java.net.DatagramPacket request = new java.net.DatagramPacket(new byte[100], 100);
            server.receive(request);
            server.send(new java.net.DatagramPacket(new byte[] {(byte) 0xc3, (byte) 0xa9}, 2,
                    request.getSocketAddress()));
            assertEquals(0, client.awaitExit(TIMEOUT), client.err().toString());
            assertTrue(client.out().get(1).endsWith(" replied b'\\xc3\\xa9'"), client.out().toString());
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

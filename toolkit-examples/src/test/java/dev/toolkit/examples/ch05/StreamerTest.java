package dev.toolkit.examples.ch05;

import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.toolkit.examples.ch05.Chapter05Programs.TIMEOUT;
import static dev.toolkit.examples.ch05.Chapter05Programs.client;
import static dev.toolkit.examples.ch05.Chapter05Programs.connect;
import static dev.toolkit.examples.ch05.Chapter05Programs.listen;
import static dev.toolkit.examples.ch05.Chapter05Programs.portOf;
import static dev.toolkit.examples.ch05.Chapter05Programs.receiveAll;
import static dev.toolkit.examples.ch05.Chapter05Programs.server;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamerTest {

    /** The message the book's client sends: the three lines, each ending in a newline. */
    static String bookMessage() {
        return String.join("\n", Chapter05Demos.ZEN) + "\n";
    }

    @Test
    void javaClientAndJavaServerTalk() throws Exception {
        try (ListingRun server = server("streamer")) {
            try (ListingRun client = client("streamer", portOf(server))) {
                assertEquals(0, client.awaitExit(TIMEOUT), String.valueOf(client.err()));
                assertEquals(0, server.awaitExit(TIMEOUT), String.valueOf(server.err()));
                assertEquals(List.of(), client.out());
                assertEquals(List.of(), Chapter05Demos.checkStreamerServer(server.out()));
                assertEquals(List.of(), server.err());
            }
        }
    }

    @Test
    void clientSendsExactlyTheThreeLinesThenEndOfFile() throws Exception {
        try (ServerSocket listener = listen(); ListingRun client = client("streamer", listener.getLocalPort())) {
            byte[] received = receiveAll(listener);
            assertEquals(bookMessage(), new String(received, StandardCharsets.US_ASCII));
            assertEquals(0, client.awaitExit(TIMEOUT), String.valueOf(client.err()));
        }
    }

    @Test
    void serverPrintsEachReadThenTheMessageAtEndOfFile() throws Exception {
        try (ListingRun server = server("streamer"); Socket sock = connect(portOf(server))) {
            assertEquals(-1, sock.getInputStream().read(), "the server shuts down its write side at once");
            OutputStream out = sock.getOutputStream();
            // One line at a time, each waited for, so each arrives as a read of its own.
            int printed = server.awaitLines(3, TIMEOUT).size();
            for (String line : Chapter05Demos.ZEN) {
                out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                List<String> lines = server.awaitLines(++printed, TIMEOUT);
                assertEquals("Received " + (line.length() + 1) + " bytes", lines.get(printed - 1));
            }
            sock.shutdownOutput();
            assertEquals(0, server.awaitExit(TIMEOUT), String.valueOf(server.err()));
            List<String> lines = server.out();
            assertEquals(List.of("Received 31 bytes", "Received 34 bytes", "Received 31 bytes",
                    "Received zero bytes - end of file", "Message:", "",
                    "Beautiful is better than ugly.", "Explicit is better than implicit.",
                    "Simple is better than complex.", ""), lines.subList(3, lines.size()));
        }
    }

    @Test
    void anEmptyStreamIsAnEmptyMessage() throws Exception {
        try (ListingRun server = server("streamer")) {
            connect(portOf(server)).close();
            assertEquals(0, server.awaitExit(TIMEOUT), String.valueOf(server.err()));
            List<String> lines = server.out();
            assertEquals(List.of("Received zero bytes - end of file", "Message:", "", ""),
                    lines.subList(3, lines.size()));
        }
    }

    @Test
    void aMessageThatIsNotAsciiIsAnError() throws Exception {
        try (ListingRun server = server("streamer")) {
            try (Socket sock = connect(portOf(server))) {
                sock.getOutputStream().write("caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(1, server.awaitExit(TIMEOUT));
            assertEquals(1, server.err().size(), String.valueOf(server.err()));
            assertTrue(server.err().get(0).contains("not ASCII"), server.err().get(0));
        }
    }
}

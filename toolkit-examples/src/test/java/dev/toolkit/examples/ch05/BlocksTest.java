package dev.toolkit.examples.ch05;

import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.toolkit.examples.ch05.Chapter05Programs.TIMEOUT;
import static dev.toolkit.examples.ch05.Chapter05Programs.client;
import static dev.toolkit.examples.ch05.Chapter05Programs.connect;
import static dev.toolkit.examples.ch05.Chapter05Programs.listen;
import static dev.toolkit.examples.ch05.Chapter05Programs.portOf;
import static dev.toolkit.examples.ch05.Chapter05Programs.receiveAll;
import static dev.toolkit.examples.ch05.Chapter05Programs.server;
import static dev.toolkit.examples.tour.Expect.literal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlocksTest {

    /** The bytes the book's client sends: each block as a 4-byte big-endian length and the bytes, then 0. */
    static byte[] bookClientBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String block : Chapter05Demos.ZEN) {
            out.writeInt(block.length());
            out.write(block.getBytes(StandardCharsets.US_ASCII));
        }
        out.writeInt(0);
        return bytes.toByteArray();
    }

    @Test
    void javaClientAndJavaServerTalk() throws Exception {
        try (ListingRun server = server("blocks")) {
            try (ListingRun client = client("blocks", portOf(server))) {
                assertEquals(0, client.awaitExit(TIMEOUT), String.valueOf(client.err()));
                assertEquals(0, server.awaitExit(TIMEOUT), String.valueOf(server.err()));
                assertEquals(List.of(), client.out());
                assertEquals(List.of(), Expect.lines("server", server.out(), Chapter05Demos.blocksServerLines()));
                assertEquals(List.of(), server.err());
            }
        }
    }

    @Test
    void clientSendsExactlyTheBookBytesAndHalfClosesItsReadSide() throws Exception {
        try (ServerSocket listener = listen(); ListingRun client = client("blocks", listener.getLocalPort())) {
            byte[] received = receiveAll(listener);
            assertArrayEquals(bookClientBytes(), received);
            assertEquals(0, client.awaitExit(TIMEOUT), String.valueOf(client.err()));
        }
    }

    @Test
    void serverShutsDownItsWriteSideAtOnceAndReadsBlocks() throws Exception {
        try (ListingRun server = server("blocks"); Socket sock = connect(portOf(server))) {
            // The server's shutdown(SHUT_WR): end of file before anything was sent.
            assertEquals(-1, sock.getInputStream().read());
            OutputStream out = sock.getOutputStream();
            // Byte by byte: the framing must not depend on how the stream is split.
            for (byte b : bookClientBytes()) {
                out.write(b);
                out.flush();
            }
            assertEquals(0, server.awaitExit(TIMEOUT), String.valueOf(server.err()));
            assertEquals(List.of(), Expect.lines("server", server.out(), Chapter05Demos.blocksServerLines()));
        }
    }

    @Test
    void serverPrintsBlocksAsPythonReprs() throws Exception {
        try (ListingRun server = server("blocks"); Socket sock = connect(portOf(server))) {
            DataOutputStream out = new DataOutputStream(sock.getOutputStream());
            for (byte[] block : List.of("it's".getBytes(StandardCharsets.US_ASCII),
                    "say \"hi\" it's".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {'\\', '\t', '\r', '\n', 0, (byte) 0xff, 0x7f})) {
                out.writeInt(block.length);
                out.write(block);
            }
            out.writeInt(0);
            out.flush();
            assertEquals(0, server.awaitExit(TIMEOUT), String.valueOf(server.err()));
            List<String> lines = server.out();
            assertEquals(List.of(
                    "Block says: b\"it's\"",
                    "Block says: b'say \"hi\" it\\'s'",
                    "Block says: b'\\\\\\t\\r\\n\\x00\\xff\\x7f'"), lines.subList(3, lines.size()));
        }
    }

    @Test
    void endOfFileInsideALengthPrefixIsAnEofError() throws Exception {
        assertEofError(new byte[] {0, 0}, "socket closed with 2 bytes left in this block");
    }

    @Test
    void endOfFileInsideABlockIsAnEofError() throws Exception {
        assertEofError(prefixed(30, "Beautiful"), "socket closed with 21 bytes left in this block");
    }

    @Test
    void endOfFileBetweenBlocksWithoutTheEmptyOneIsAnEofError() throws Exception {
        assertEofError(prefixed(2, "ok"), "socket closed with 4 bytes left in this block");
    }

    /** A length prefix announcing {@code length} bytes, followed by {@code body} (which may be shorter). */
    private static byte[] prefixed(int length, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(Blocks.HEADER_SIZE + bytes.length).putInt(length).put(bytes).array();
    }

    private static void assertEofError(byte[] sent, String message) throws Exception {
        try (ListingRun server = server("blocks")) {
            try (Socket sock = connect(portOf(server))) {
                sock.getOutputStream().write(sent);
            }
            assertEquals(1, server.awaitExit(TIMEOUT));
            assertEquals(List.of("EOFError: " + message), server.err());
        }
    }

    @Test
    void aBlockLongerThanTheLimitIsRefused() throws Exception {
        try (ListingRun server = server("blocks"); Socket sock = connect(portOf(server))) {
            DataOutputStream out = new DataOutputStream(sock.getOutputStream());
            out.writeInt(Blocks.MAX_BLOCK + 1);
            out.flush();
            assertEquals(1, server.awaitExit(TIMEOUT));
            assertEquals(1, server.err().size(), String.valueOf(server.err()));
            assertTrue(server.err().get(0).startsWith("Error: "), server.err().get(0));
            assertEquals(3, server.out().size(), String.valueOf(server.out()));
        }
    }

    @Test
    void serverServesOneConversationOnly() throws Exception {
        try (ListingRun server = server("blocks")) {
            int port = portOf(server);
            try (Socket first = connect(port)) {
                server.awaitLine(line -> line.startsWith("Accepted connection from"), TIMEOUT);
                try (Socket second = connect(port)) {
                    // The second connection is closed at once: end of file, and nothing printed for it.
                    assertEquals(-1, second.getInputStream().read());
                }
                first.getOutputStream().write(new byte[] {0, 0, 0, 0});
            }
            assertEquals(0, server.awaitExit(TIMEOUT));
            assertEquals(3, server.out().size(), String.valueOf(server.out()));
            assertTrue(server.out().get(2).matches(literal("Accepted connection from ('127.0.0.1', ") + "\\d+\\)"));
        }
    }
}

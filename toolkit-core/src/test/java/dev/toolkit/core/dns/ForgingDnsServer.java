package dev.toolkit.core.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A DNS server on a loopback UDP port that answers every query with bytes a test forges from the query, and
 * whose TCP port (the same number) refuses connections: what a spoofing or broken server sends.
 */
final class ForgingDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger queries = new AtomicInteger();

    /** @param forge the answer's bytes, made from the query's */
    ForgingDnsServer(UnaryOperator<byte[]> forge) throws IOException {
        socket = bindWithClosedTcpPort();
        thread = new Thread(() -> serve(forge), "forging-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** A UDP socket whose port number is free on TCP too, so that the TCP retry is refused. */
    private static DatagramSocket bindWithClosedTcpPort() throws IOException {
        for (int i = 0; i < 20; i++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort()));
                return udp;
            } catch (IOException taken) {
                udp.close();
            }
        }
        throw new IOException("no UDP port whose TCP twin is free");
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    int queries() {
        return queries.get();
    }

    private void serve(UnaryOperator<byte[]> forge) {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                queries.incrementAndGet();
                byte[] answer = forge.apply(Arrays.copyOf(p.getData(), p.getLength()));
                socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // one lost answer; keep serving
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }

    // ---- forgeries

    /** The query turned into a response header with {@code flags} OR-ed in, the question kept, no records. */
    static byte[] header(byte[] query, int flags, int answers) {
        byte[] out = Arrays.copyOf(query, query.length);
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putShort(2, (short) (0x8180 | flags));
        b.putShort(6, (short) answers);
        b.putShort(8, (short) 0);
        b.putShort(10, (short) 0);
        return Arrays.copyOf(out, questionEnd(query));
    }

    /** A truncated answer (TC set) holding one A record, 192.0.2.99, as a forger would plant. */
    static byte[] truncatedWithA(byte[] query) {
        byte[] head = header(query, 0x0200, 1);
        ByteBuffer b = ByteBuffer.allocate(head.length + 16);
        b.put(head);
        b.putShort((short) 0xC00C).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4);
        b.put(new byte[] {(byte) 192, 0, 2, 99});
        return b.array();
    }

    /** A well-formed answer holding one A record, 192.0.2.99. */
    static byte[] oneA(byte[] query) {
        byte[] planted = truncatedWithA(query);
        planted[2] &= ~0x02;
        return planted;
    }

    /** A query for {@code name}/A, as a client sends it. */
    static byte[] query(String name) {
        ByteBuffer b = ByteBuffer.allocate(12 + name.length() + 2 + 4);
        b.putShort((short) 0x1234).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (String label : name.split("\\.")) {
            b.put((byte) label.length()).put(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        b.put((byte) 0).putShort((short) 1).putShort((short) 1);
        return b.array();
    }

    /** A truncated answer with no record at all. */
    static byte[] truncatedEmpty(byte[] query) {
        return header(query, 0x0200, 0);
    }

    /** The query's id, then noise. */
    static byte[] garbage(byte[] query) {
        byte[] out = new byte[40];
        Arrays.fill(out, (byte) 0xEE);
        out[0] = query[0];
        out[1] = query[1];
        return out;
    }

    /** A well-formed header and question, then an answer whose name is a compression pointer to itself. */
    static byte[] compressionLoop(byte[] query) {
        byte[] head = header(query, 0, 1);
        ByteBuffer b = ByteBuffer.allocate(head.length + 16);
        b.put(head);
        int self = head.length;
        b.putShort((short) (0xC000 | self)).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4);
        b.put(new byte[] {(byte) 192, 0, 2, 1});
        return b.array();
    }

    private static int questionEnd(byte[] query) {
        int i = 12;
        while (query[i] != 0) {
            i += (query[i] & 0xFF) + 1;
        }
        return i + 1 + 4;
    }
}

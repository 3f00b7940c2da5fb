package dev.toolkit.udp;

import dev.toolkit.core.transport.Transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A request-layer server for tests that decides, request by request, what to answer: records every
 * datagram it receives (so tests assert on the wire) and hands it to a script, which may drop it, answer it,
 * or answer anything else.
 */
final class ScriptedServer implements AutoCloseable {

    /** One received request: its ID and payload (or the raw bytes if it was no request frame). */
    record Received(int id, byte[] payload, byte[] raw, InetSocketAddress sender) {
    }

    /** Decides what to do with each request; {@code index} counts every datagram received, from 0. */
    @FunctionalInterface
    interface Script {
        void onRequest(Received request, int index, DatagramSender out) throws Exception;
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final UdpServer server;

    ScriptedServer(Transport transport, Script script) {
        this.server = UdpServer.bind(Loopback.server(transport).build(), (datagram, out) -> {
            byte[] raw = datagram.data();
            int id = raw.length >= 5 ? ByteBuffer.wrap(raw, 1, 4).getInt() : -1;
            byte[] payload = raw.length >= 5 ? Arrays.copyOfRange(raw, 5, raw.length) : raw;
            Received request = new Received(id, payload, raw, datagram.sender());
            received.add(request);
            script.onRequest(request, received.size() - 1, out);
        });
    }

    /** A reply frame for request {@code id}. */
    static byte[] reply(int id, byte[] payload) {
        return frame(RequestFrame.REPLY, id, payload);
    }

    /** A frame of any kind. */
    static byte[] frame(byte kind, int id, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).put(kind).putInt(id).put(payload).array();
    }

    /** Answers {@code request} with {@code payload}. */
    static void answer(DatagramSender out, Received request, byte[] payload) {
        out.sendAsync(reply(request.id(), payload), request.sender());
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    List<Received> received() {
        return received;
    }

    UdpServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}

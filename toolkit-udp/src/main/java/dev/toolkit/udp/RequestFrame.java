package dev.toolkit.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

import java.net.InetSocketAddress;

/**
 * One datagram of the request layer, decoded: its kind, its request ID and its payload, with the peer it
 * came from or goes to. Holds its payload buffer: whoever consumes the frame releases it.
 *
 * <p>On the wire (see {@link RequestFrameCodec}): one kind byte ({@code 'Q'} request, {@code 'R'} reply,
 * {@code 'E'} error reply whose payload is a UTF-8 message), the request ID as four bytes big-endian, then
 * the payload.
 */
final class RequestFrame extends DefaultByteBufHolder {

    /** A request. */
    static final byte REQUEST = 'Q';
    /** A reply. */
    static final byte REPLY = 'R';
    /** An error reply: the server could not serve the request; the payload says why. */
    static final byte ERROR = 'E';
    /** The kind byte and the ID. */
    static final int HEADER_LENGTH = 5;

    private final byte kind;
    private final int id;
    private final InetSocketAddress peer;

    RequestFrame(byte kind, int id, ByteBuf payload, InetSocketAddress peer) {
        super(payload);
        this.kind = kind;
        this.id = id;
        this.peer = peer;
    }

    byte kind() {
        return kind;
    }

    int id() {
        return id;
    }

    /** Where it came from (decoded) or goes to (to encode). */
    InetSocketAddress peer() {
        return peer;
    }

    /** The ID as the unsigned number it is on the wire, for messages. */
    static String idText(int id) {
        return Integer.toUnsignedString(id);
    }

    @Override
    public String toString() {
        return "RequestFrame{" + (char) kind + " #" + idText(id) + " " + content().readableBytes() + "B "
                + (peer == null ? "" : peer) + "}";
    }
}

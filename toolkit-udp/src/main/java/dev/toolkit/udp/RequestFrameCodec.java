package dev.toolkit.udp;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageCodec;

import java.util.List;

/**
 * Turns datagrams into {@link RequestFrame}s and back. A datagram too short for the header, or of a kind
 * this side does not accept (a server accepts requests, a client replies and error replies), is malformed:
 * it is dropped, counted and reported with its sender and an excerpt (to the endpoint's error reporter, or
 * down the pipeline as an exception on a channel of no endpoint), and decoding goes on with the next.
 */
final class RequestFrameCodec extends MessageToMessageCodec<DatagramPacket, RequestFrame> {

    private final boolean serverSide;

    /** A codec for a server ({@code true}: accepts requests) or a client (accepts replies). */
    RequestFrameCodec(boolean serverSide) {
        this.serverSide = serverSide;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RequestFrame frame, List<Object> out) {
        ByteBuf payload = frame.content();
        ByteBuf datagram = ctx.alloc().buffer(RequestFrame.HEADER_LENGTH + payload.readableBytes());
        datagram.writeByte(frame.kind()).writeInt(frame.id()).writeBytes(payload, payload.readerIndex(),
                payload.readableBytes());
        out.add(new DatagramPacket(datagram, frame.peer()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf in = packet.content();
        int length = in.readableBytes();
        String problem = null;
        if (length < RequestFrame.HEADER_LENGTH) {
            problem = "datagram of " + length + " bytes is shorter than the " + RequestFrame.HEADER_LENGTH
                    + "-byte request header";
        } else {
            byte kind = in.getByte(in.readerIndex());
            boolean accepted = serverSide ? kind == RequestFrame.REQUEST
                    : kind == RequestFrame.REPLY || kind == RequestFrame.ERROR;
            if (!accepted) {
                problem = "datagram of kind 0x" + Integer.toHexString(kind & 0xff) + " where "
                        + (serverSide ? "a request ('Q')" : "a reply ('R' or 'E')") + " was expected";
            }
        }
        if (problem != null) {
            ProtocolViolationException malformed = new ProtocolViolationException("malformed " + problem
                    + " from " + packet.sender(), Excerpts.of(in), null);
            Endpoint endpoint = ctx.channel().attr(Endpoint.KEY).get();
            if (endpoint == null) {
                ctx.fireExceptionCaught(malformed);
            } else {
                endpoint.metrics().countMalformed();
                endpoint.errors().report(packet.sender(), malformed);
            }
            return;
        }
        byte kind = in.getByte(in.readerIndex());
        int id = in.getInt(in.readerIndex() + 1);
        out.add(new RequestFrame(kind, id, in.retainedSlice(in.readerIndex() + RequestFrame.HEADER_LENGTH,
                length - RequestFrame.HEADER_LENGTH), packet.sender()));
    }
}

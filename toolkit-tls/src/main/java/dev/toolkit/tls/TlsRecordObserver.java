package dev.toolkit.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads, without consuming, the plaintext TLS records the peer sends before encryption starts: the version
 * its hello offers or chooses, and any alert it sends (RFC 8446 section 5 and 6). These are facts from the
 * wire that classify a failed handshake the same way for both providers. Removes itself once the peer starts
 * encrypting (or {@link TlsHandshakeHandler} removes it when the handshake ends); it keeps at most 11 bytes,
 * and a copy of the first bytes when they do not start a TLS record (the peer does not speak TLS).
 */
final class TlsRecordObserver extends ChannelInboundHandlerAdapter {

    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    /** How many of a non-TLS peer's first bytes are kept, to show in the error. */
    private static final int NOT_TLS_SHOWN = 32;

    private final HandshakeFacts facts;
    /** The current record's header and first body bytes. */
    private final byte[] head = new byte[11];
    private int headLength;
    /** Bytes of the current record still to skip. */
    private int recordLeft;
    private boolean done;

    TlsRecordObserver(HandshakeFacts facts) {
        this.facts = facts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!done && msg instanceof ByteBuf in) {
            observe(in);
        }
        ctx.fireChannelRead(msg);
        if (done && !ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
    }

    private void observe(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        while (i < end && !done) {
            if (recordLeft > 0) {
                int step = Math.min(recordLeft, end - i);
                i += step;
                recordLeft -= step;
                continue;
            }
            // collect the 5-byte record header plus up to 6 bytes of its body (enough for a hello's version)
            while (i < end && headLength < wanted()) {
                head[headLength++] = in.getByte(i++);
            }
            if (headLength < wanted()) {
                continue;
            }
            if (!isRecordHeader()) {
                byte[] first = new byte[Math.min(NOT_TLS_SHOWN, end - in.readerIndex())];
                in.getBytes(in.readerIndex(), first);
                facts.notTls = first;
                done = true;
                break;
            }
            inspect();
            recordLeft = recordBody() - (headLength - 5);
            headLength = 0;
        }
    }

    /** How many bytes of the current record to look at: its header, then up to 6 body bytes. */
    private int wanted() {
        return headLength < 5 ? 5 : Math.min(head.length, 5 + recordBody());
    }

    /**
     * Whether the 5 header bytes are a TLS record header: a known content type, major version 3, a length
     * within the protocol's limit (RFC 8446 section 5.1; a ClientHello's record may say 3.0 or 3.1).
     */
    private boolean isRecordHeader() {
        int type = head[0] & 0xff;
        return type >= 20 && type <= 24 && head[1] == 3 && recordBody() <= (1 << 14) + 2048;
    }

    private int recordBody() {
        return (head[3] & 0xff) << 8 | (head[4] & 0xff);
    }

    private void inspect() {
        int type = head[0] & 0xff;
        if (type == HANDSHAKE && headLength >= 11) {
            int handshakeType = head[5] & 0xff;
            int version = (head[9] & 0xff) << 8 | (head[10] & 0xff);
            if (handshakeType == CLIENT_HELLO || handshakeType == SERVER_HELLO) {
                facts.helloSeen = true;
                facts.peerVersion = version;
            }
        } else if (type == ALERT && headLength >= 7 && recordBody() == 2 && (head[5] == 1 || head[5] == 2)) {
            facts.alert = head[6] & 0xff;
        } else if (type != HANDSHAKE && type != ALERT) {
            // change cipher spec or application data: from here on the peer encrypts
            done = true;
        }
    }
}

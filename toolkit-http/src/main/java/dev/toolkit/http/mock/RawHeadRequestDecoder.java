package dev.toolkit.http.mock;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Netty's request decoder, keeping a copy of the bytes of each request head as they came: every byte it
 * consumes between the end of one request and the head of the next is the next head. (Netty's decoder
 * consumes a head and a body in separate calls, so one call never mixes the two.) The heads wait, in order,
 * for {@link #takeHead()}; a head longer than {@code maxHeadBytes} keeps only its first bytes.
 */
final class RawHeadRequestDecoder extends HttpRequestDecoder {

    private final int maxHeadBytes;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final ArrayDeque<byte[]> heads = new ArrayDeque<>();
    private boolean readingHead = true;

    RawHeadRequestDecoder(HttpDecoderConfig config, int maxHeadBytes) {
        super(config);
        this.maxHeadBytes = maxHeadBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        int start = buffer.readerIndex();
        int produced = out.size();
        super.decode(ctx, buffer, out);
        if (readingHead) {
            int consumed = Math.min(buffer.readerIndex() - start, maxHeadBytes - head.size());
            if (consumed > 0) {
                buffer.getBytes(start, head, consumed);
            }
        }
        for (int i = produced; i < out.size(); i++) {
            Object message = out.get(i);
            if (message instanceof HttpMessage) {
                heads.add(head.toByteArray());
                head.reset();
                readingHead = false;
            }
            if (message instanceof LastHttpContent) {
                readingHead = true;
            }
        }
    }

    /** The raw head of the oldest request not yet taken (empty if none was seen). */
    byte[] takeHead() {
        byte[] next = heads.poll();
        return next == null ? new byte[0] : next;
    }
}

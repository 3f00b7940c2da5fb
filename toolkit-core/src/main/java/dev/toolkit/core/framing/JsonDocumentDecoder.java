package dev.toolkit.core.framing;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.json.JsonObjectDecoder;

import java.util.List;

/**
 * Splits a stream of concatenated JSON objects and arrays (whitespace between them is skipped) and parses
 * each into a {@link com.fasterxml.jackson.databind.JsonNode}.
 *
 * <p>Netty's decoder finds where each document ends by counting brackets outside strings; it cannot frame
 * top-level scalars, so a stream that holds anything but objects and arrays is malformed. Its own limit
 * counts every byte in its buffer, complete documents included, so it is disabled here and the limit is
 * applied to each document: to complete ones as they are split off and to the one still arriving, as soon as
 * it grows past the limit. A syntax error inside a document fails only that document: the documents that
 * arrived with it are delivered (before the error is reported). A document that breaks the limit, or bytes
 * that cannot start one, end decoding: the rest of the input is discarded.
 */
final class JsonDocumentDecoder extends JsonObjectDecoder {

    private final String description;
    private final int maxFrameLength;
    private final ObjectReader reader;
    private boolean failed;

    JsonDocumentDecoder(String description, int maxFrameLength, ObjectReader reader) {
        super(Integer.MAX_VALUE, false);
        this.description = description;
        this.maxFrameLength = maxFrameLength;
        this.reader = reader;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int first = out.size();
        RuntimeException corrupt = null;
        try {
            super.decode(ctx, in, out);
        } catch (CorruptedFrameException e) {
            // Netty stops at the offending byte; its message dumps the whole buffer in hex, so write our own.
            failed = true;
            corrupt = new ProtocolViolationException("malformed " + description
                    + " stream: a document must start with '{' or '[' (top-level scalars need JSON lines)",
                    Excerpts.of(in), e);
            in.skipBytes(in.readableBytes());
        }
        // Parse what Netty split off. A malformed document is dropped and reported, the others delivered;
        // an oversized one ends decoding, so it and everything after it are dropped.
        RuntimeException malformed = null;
        RuntimeException tooLong = null;
        for (int i = first; i < out.size(); ) {
            ByteBuf doc = (ByteBuf) out.get(i);
            try {
                if (tooLong == null && doc.readableBytes() > maxFrameLength) {
                    tooLong = FrameErrors.tooLong(description, maxFrameLength, doc.readableBytes(), doc,
                            doc.readerIndex(), doc.readableBytes());
                }
                if (tooLong != null) {
                    out.remove(i);
                    continue;
                }
                try {
                    out.set(i, JsonSupport.parse(reader, doc, description));
                    i++;
                } catch (ProtocolViolationException e) {
                    out.remove(i);
                    if (malformed == null) {
                        malformed = e;
                    }
                }
            } finally {
                doc.release();
            }
        }
        // What is left is the start of the next document (leading whitespace is already skipped).
        int pending = in.readableBytes();
        if (tooLong == null && pending > maxFrameLength) {
            int start = in.readerIndex();
            tooLong = FrameErrors.tooLong(description, maxFrameLength, pending, in, start, pending);
        }
        if (tooLong != null) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw tooLong;
        }
        if (corrupt != null) {
            throw corrupt;
        }
        if (malformed != null) {
            throw malformed;
        }
    }
}

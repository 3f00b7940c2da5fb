package dev.toolkit.core.framing;

import com.fasterxml.jackson.databind.ObjectReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Splits lines (LF or CRLF) and parses each into a {@link com.fasterxml.jackson.databind.JsonNode}; any JSON
 * value may stand on a line, scalars included. Blank lines are skipped, as newline-delimited JSON readers
 * commonly do. A malformed line fails alone; decoding goes on with the next line.
 */
final class JsonLinesDecoder extends DelimiterFrameDecoder {

    private final ObjectReader reader;

    JsonLinesDecoder(String description, int maxFrameLength, ObjectReader reader) {
        super(description, maxFrameLength, LineEnding.CRLF.bytes(), LineEnding.LF.bytes());
        this.reader = reader;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        ByteBuf line = (ByteBuf) super.decode(ctx, buffer);
        if (line == null) {
            return null;
        }
        try {
            if (isBlank(line)) {
                return null;
            }
            return JsonSupport.parse(reader, line, description());
        } finally {
            line.release();
        }
    }

    private static boolean isBlank(ByteBuf line) {
        for (int i = line.readerIndex(); i < line.writerIndex(); i++) {
            byte b = line.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}

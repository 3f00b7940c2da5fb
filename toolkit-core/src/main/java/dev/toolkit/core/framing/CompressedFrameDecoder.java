package dev.toolkit.core.framing;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a sequence of compressed frames, each one complete zlib stream or gzip member, and delivers
 * each frame's decompressed bytes as one buffer (possibly empty).
 *
 * <p>The limit applies to the decompressed size, so a small frame that inflates into a huge one (a
 * decompression bomb) fails as soon as one byte more than the limit has been inflated; the decoder never
 * holds more than {@code limit + 1} decompressed bytes. Netty's zlib decoders cannot be used here: they
 * treat the input as one stream (bytes after its end are dropped) and their allocation limit fails on
 * output well under the limit once data arrives in flushed pieces. After any error the rest of the input is
 * discarded: a compressed stream cannot be resynchronised.
 */
final class CompressedFrameDecoder extends ByteToMessageDecoder {

    private enum State { HEADER, BODY, TRAILER, FAILED }

    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] NO_INPUT = new byte[0];

    private final Compression format;
    private final String description;
    private final int maxFrameLength;
    private final int maxCapacity;
    private Inflater inflater;
    private CRC32 crc;
    private ByteBuf frame;
    private State state;

    CompressedFrameDecoder(Compression format, int maxFrameLength) {
        this.format = format;
        this.description = "decompressed " + format.label();
        this.maxFrameLength = maxFrameLength;
        this.maxCapacity = (int) Math.min((long) maxFrameLength + 1, Integer.MAX_VALUE);
        this.state = format == Compression.GZIP ? State.HEADER : State.BODY;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (in.isReadable()) {
                switch (state) {
                    case HEADER:
                        int header = Compression.gzipHeaderLength(in);
                        if (header < 0) {
                            return;
                        }
                        in.skipBytes(header);
                        state = State.BODY;
                        break;
                    case BODY:
                        if (!inflate(ctx, in)) {
                            return;
                        }
                        if (format == Compression.GZIP) {
                            state = State.TRAILER;
                        } else {
                            emit(out);
                        }
                        break;
                    case TRAILER:
                        if (in.readableBytes() < Compression.GZIP_TRAILER_LENGTH) {
                            return;
                        }
                        checkTrailer(in);
                        emit(out);
                        state = State.HEADER;
                        break;
                    default:
                        in.skipBytes(in.readableBytes());
                        return;
                }
            }
        } catch (RuntimeException e) {
            state = State.FAILED;
            release();
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /**
     * Inflates what {@code in} holds of the current frame and consumes it.
     *
     * @return whether the compressed stream ended (bytes after it stay in {@code in})
     */
    private boolean inflate(ChannelHandlerContext ctx, ByteBuf in) {
        if (inflater == null) {
            inflater = new Inflater(format == Compression.GZIP);
        }
        if (frame == null) {
            frame = ctx.alloc().heapBuffer(Math.min(INITIAL_CAPACITY, maxCapacity), maxCapacity);
        }
        int start = in.readerIndex();
        int available = in.readableBytes();
        inflater.setInput(in.nioBuffer(start, available));
        try {
            for (;;) {
                if (!frame.isWritable()) {
                    frame.ensureWritable(Math.min(frame.capacity(), maxCapacity - frame.writerIndex()));
                }
                int writerIndex = frame.writerIndex();
                int n = inflater.inflate(frame.nioBuffer(writerIndex, frame.writableBytes()));
                frame.writerIndex(writerIndex + n);
                if (frame.readableBytes() > maxFrameLength) {
                    throw FrameErrors.tooLong(description, maxFrameLength, frame.readableBytes(), frame,
                            frame.readerIndex(), frame.readableBytes());
                }
                if (inflater.finished()) {
                    return true;
                }
                if (inflater.needsDictionary()) {
                    throw new ProtocolViolationException("malformed " + format.label()
                            + " frame: it needs a preset dictionary", Excerpts.of(in), null);
                }
                if (n == 0 && inflater.needsInput()) {
                    return false;
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolViolationException("corrupt " + format.label() + " frame: " + e.getMessage(),
                    Excerpts.of(in, start, available, Excerpts.DEFAULT_LIMIT), e);
        } finally {
            in.skipBytes(available - inflater.getRemaining());
            // Do not keep a view of a buffer the decoder base class may reuse or release.
            inflater.setInput(NO_INPUT);
        }
    }

    private void checkTrailer(ByteBuf in) {
        if (crc == null) {
            crc = new CRC32();
        }
        crc.reset();
        crc.update(frame.nioBuffer());
        long expectedCrc = in.getUnsignedIntLE(in.readerIndex());
        long expectedSize = in.getUnsignedIntLE(in.readerIndex() + 4);
        if (crc.getValue() != expectedCrc) {
            throw new ProtocolViolationException("corrupt gzip frame: CRC-32 of the data is 0x"
                    + Long.toHexString(crc.getValue()) + ", the trailer says 0x" + Long.toHexString(expectedCrc),
                    Excerpts.of(in, in.readerIndex(), Compression.GZIP_TRAILER_LENGTH, Excerpts.DEFAULT_LIMIT),
                    null);
        }
        if ((frame.readableBytes() & 0xffffffffL) != expectedSize) {
            throw new ProtocolViolationException("corrupt gzip frame: " + frame.readableBytes()
                    + " bytes decompressed, the trailer says " + expectedSize,
                    Excerpts.of(in, in.readerIndex(), Compression.GZIP_TRAILER_LENGTH, Excerpts.DEFAULT_LIMIT),
                    null);
        }
        in.skipBytes(Compression.GZIP_TRAILER_LENGTH);
    }

    private void emit(List<Object> out) {
        out.add(frame);
        frame = null;
        inflater.reset();
    }

    private void release() {
        if (frame != null) {
            frame.release();
            frame = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        release();
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}

package dev.toolkit.core.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses each outbound frame into one complete zlib stream or gzip member, the format
 * {@link CompressedFrameDecoder} (and Python's {@code zlib.decompressobj()} or {@code gzip}) reads. Frames
 * longer than the limit are rejected, since the peer's decoder would reject them after inflating.
 */
final class CompressedFrameEncoder extends MessageToByteEncoder<ByteBuf> {

    private final Compression format;
    private final String description;
    private final int maxFrameLength;
    private Deflater deflater;
    private CRC32 crc;

    CompressedFrameEncoder(Compression format, int maxFrameLength) {
        super(ByteBuf.class, false);
        this.format = format;
        this.description = format.label() + "-compressed";
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ByteBuf msg, boolean preferDirect) {
        // Deflate's worst case is a few bytes per 16 KiB block over the input; grow later if needed.
        int estimate = msg.readableBytes() + (msg.readableBytes() >> 12) + 64;
        return ctx.alloc().heapBuffer(Math.min(estimate, 64 * 1024));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) {
        int length = msg.readableBytes();
        if (length > maxFrameLength) {
            throw FrameErrors.outboundTooLong(description, maxFrameLength, length);
        }
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, format == Compression.GZIP);
        }
        deflater.reset();
        deflater.setInput(msg.nioBuffer());
        deflater.finish();
        if (format == Compression.GZIP) {
            out.writeBytes(Compression.GZIP_HEADER);
        }
        while (!deflater.finished()) {
            out.ensureWritable(256);
            int writerIndex = out.writerIndex();
            out.writerIndex(writerIndex + deflater.deflate(out.nioBuffer(writerIndex, out.writableBytes())));
        }
        if (format == Compression.GZIP) {
            if (crc == null) {
                crc = new CRC32();
            }
            crc.reset();
            crc.update(msg.nioBuffer());
            out.writeIntLE((int) crc.getValue());
            out.writeIntLE(length);
        }
        msg.skipBytes(length);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}

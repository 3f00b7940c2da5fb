package dev.toolkit.core.framing;

import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.ByteBuf;

/**
 * The two compressed-frame formats: a zlib stream (RFC 1950, what Python's {@code zlib.compress} makes) or a
 * gzip member (RFC 1952, {@code gzip.compress}). Both mark their own end, so one compressed stream per frame
 * needs no other framing; gzip also carries a CRC-32 and the length of the data, which are checked.
 */
enum Compression {
    ZLIB("zlib"),
    GZIP("gzip");

    /** The fixed part of a gzip header: magic, deflate, no flags, no time, no extra flags, unknown OS. */
    static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** CRC-32 and length, both little-endian. */
    static final int GZIP_TRAILER_LENGTH = 8;
    /** A gzip header longer than this (a file name or comment that never ends) is rejected. */
    static final int MAX_GZIP_HEADER_LENGTH = 8192;

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int FRESERVED = 0xe0;

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    /** The name used in descriptions and messages. */
    String label() {
        return label;
    }

    /**
     * The length of the gzip header at the start of {@code in}'s readable bytes, or -1 if it has not arrived
     * in full; reads no bytes.
     *
     * @throws ProtocolViolationException if the bytes are not a gzip header this decoder can read
     */
    static int gzipHeaderLength(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int available = end - start;
        if (available >= 1 && in.getUnsignedByte(start) != 0x1f
                || available >= 2 && in.getUnsignedByte(start + 1) != 0x8b) {
            throw malformedHeader("not a gzip header (bad magic number)", in);
        }
        if (available < 10) {
            return -1;
        }
        if (in.getUnsignedByte(start + 2) != 8) {
            throw malformedHeader("unsupported gzip compression method " + in.getUnsignedByte(start + 2), in);
        }
        int flags = in.getUnsignedByte(start + 3);
        if ((flags & FRESERVED) != 0) {
            throw malformedHeader("reserved gzip header flags set: 0x" + Integer.toHexString(flags), in);
        }
        int at = start + 10;
        if ((flags & FEXTRA) != 0) {
            if (end - at < 2) {
                return incomplete(in);
            }
            at += 2 + in.getUnsignedShortLE(at);
        }
        if ((flags & FNAME) != 0) {
            at = afterZero(in, at, end);
            if (at < 0) {
                return incomplete(in);
            }
        }
        if ((flags & FCOMMENT) != 0) {
            at = afterZero(in, at, end);
            if (at < 0) {
                return incomplete(in);
            }
        }
        if ((flags & FHCRC) != 0) {
            at += 2;
        }
        return at <= end ? at - start : incomplete(in);
    }

    private static int afterZero(ByteBuf in, int from, int end) {
        if (from >= end) {
            return -1;
        }
        int zero = in.indexOf(from, end, (byte) 0);
        return zero < 0 ? -1 : zero + 1;
    }

    private static int incomplete(ByteBuf in) {
        if (in.readableBytes() > MAX_GZIP_HEADER_LENGTH) {
            throw malformedHeader("gzip header longer than " + MAX_GZIP_HEADER_LENGTH + " bytes", in);
        }
        return -1;
    }

    private static ProtocolViolationException malformedHeader(String what, ByteBuf in) {
        return new ProtocolViolationException("malformed gzip frame: " + what, Excerpts.of(in), null);
    }
}

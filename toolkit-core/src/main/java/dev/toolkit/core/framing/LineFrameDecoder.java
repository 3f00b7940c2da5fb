package dev.toolkit.core.framing;

import dev.toolkit.core.error.Excerpts;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the stream into lines at each LF and strips the line end (LF, or CR LF), one line per
 * {@link #decode} call (so that a protocol switching framing after a line finds the bytes after it still
 * undecoded). Lenient mode takes LF or CRLF and keeps other CRs; strict mode takes CRLF only.
 *
 * <p>A line longer than the limit is found as soon as {@code limit + 2} bytes have come without a line feed
 * (the byte after the limit might be a CR), or when its line feed shows it too long; the rest of it, up to
 * the next LF, is discarded. A malformed line is reported once, as a {@link MalformedLine} message or as the
 * exception it makes, and decoding resumes with the next line. Offsets count bytes since the decoder was
 * added.
 */
final class LineFrameDecoder extends ByteToMessageDecoder {

    private final int maxLength;
    private final boolean strict;
    private final boolean deliverMalformed;
    /** Bytes consumed from the stream before the buffer's reader index. */
    private long consumed;
    /** Bytes from the reader index already searched for a line feed without finding one. */
    private int searched;
    /** Whether the rest of a line reported too long is being skipped. */
    private boolean discarding;

    LineFrameDecoder(int maxLength, boolean strict, boolean deliverMalformed) {
        this.maxLength = maxLength;
        this.strict = strict;
        this.deliverMalformed = deliverMalformed;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lf = in.indexOf(start + searched, end, (byte) '\n');
        if (discarding) {
            int skip = lf < 0 ? end - start : lf + 1 - start;
            skip(in, skip);
            discarding = lf < 0;
            return;
        }
        if (lf < 0) {
            searched = end - start;
            if (searched >= (long) maxLength + 2) {
                // No line end within the limit, a CR and an LF: too long, whatever follows.
                MalformedLine line = malformed(in, start, MalformedLine.Reason.TOO_LONG, searched, searched);
                skip(in, searched);
                discarding = true;
                report(line, out);
            }
            return;
        }
        int lineLength = lf - start;
        boolean crlf = lineLength > 0 && in.getByte(lf - 1) == '\r';
        int contentLength = crlf ? lineLength - 1 : lineLength;
        MalformedLine.Reason problem = null;
        if (contentLength > maxLength) {
            problem = MalformedLine.Reason.TOO_LONG;
        } else if (strict && !crlf) {
            problem = MalformedLine.Reason.BARE_LF;
        } else if (strict && in.indexOf(start, start + contentLength, (byte) '\r') >= 0) {
            problem = MalformedLine.Reason.BARE_CR;
        }
        if (problem != null) {
            // The excerpt shows the line end too: it is what is wrong with a bare LF.
            MalformedLine line = malformed(in, start, problem,
                    problem == MalformedLine.Reason.TOO_LONG ? contentLength : lineLength, lineLength + 1);
            skip(in, lineLength + 1);
            report(line, out);
            return;
        }
        ByteBuf frame = in.retainedSlice(start, contentLength);
        skip(in, lineLength + 1);
        out.add(frame);
    }

    private MalformedLine malformed(ByteBuf in, int start, MalformedLine.Reason reason, long length, int shown) {
        String excerpt = Excerpts.of(in, start, shown, Excerpts.DEFAULT_LIMIT);
        return new MalformedLine(consumed, reason, length, maxLength, excerpt);
    }

    private void report(MalformedLine line, List<Object> out) {
        if (deliverMalformed) {
            out.add(line);
        } else {
            throw line.toException();
        }
    }

    private void skip(ByteBuf in, int n) {
        in.skipBytes(n);
        consumed += n;
        searched = 0;
    }
}

package dev.toolkit.http.codec;

import dev.toolkit.core.error.Excerpts;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ByteProcessor;

/**
 * Checks the raw bytes Netty's request decoder reads leniently or repairs silently, before it reads them: the
 * request line's separators (Netty takes HTAB, VT, FF and a bare CR for a space, and several spaces for one),
 * empty lines before it (Netty skips a bare LF), obs-fold continuation lines (Netty joins them to the field
 * above, in the header and the trailer section), whitespace before a field's colon, and a second
 * {@code Content-Length} (Netty keeps the first of an HTTP/1.0 request's).
 *
 * <p>To know where each head starts it follows the framing: a fixed-length body is skipped without being looked
 * at, a chunked body's size lines and CRLFs are checked and its data skipped; the bytes are never copied, and
 * valid input allocates nothing. It decides the framing from the raw head as the decoder does: a
 * {@code Transfer-Encoding} field means chunked (the decoder refuses every request with one it does not read as
 * chunked), else a {@code Content-Length} (its digits parsed here) a fixed length, else no body. Whatever the
 * decoder reads otherwise is refused by {@link RequestHeadValidator}, so the two never disagree on where a
 * request ends.
 *
 * <p>At the first bad byte it passes the bytes before it on (so the requests they finish still decode), then a
 * failed message ({@link Rejection}) with a 400 {@link HttpRequestRejectedException}, and reads nothing more.
 * One per connection.
 */
final class RequestByteScanner extends ChannelInboundHandlerAdapter implements ByteProcessor {

    private static final byte SP = ' ';
    private static final byte HTAB = '\t';
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Before the request line: empty lines (CRLF) may come first. */
    private static final int START = 0;
    private static final int START_LF = 1;
    private static final int METHOD = 2;
    private static final int TARGET_START = 3;
    private static final int TARGET = 4;
    private static final int VERSION_START = 5;
    private static final int VERSION = 6;
    private static final int REQUEST_LINE_LF = 7;
    /** At the start of a field line of the header or the trailer section, or of the empty line ending it. */
    private static final int LINE_START = 8;
    private static final int NAME = 9;
    private static final int VALUE = 10;
    private static final int VALUE_LF = 11;
    private static final int SECTION_END_LF = 12;
    private static final int FIXED_BODY = 13;
    private static final int CHUNK_SIZE_START = 14;
    private static final int CHUNK_SIZE = 15;
    private static final int CHUNK_SIZE_WHITESPACE = 16;
    private static final int CHUNK_EXTENSION = 17;
    private static final int CHUNK_LINE_LF = 18;
    private static final int CHUNK_DATA = 19;
    private static final int CHUNK_DATA_CR = 20;
    private static final int CHUNK_DATA_LF = 21;

    /** More hex digits than this in a chunk size is refused even with leading zeros. */
    static final int MAX_CHUNK_SIZE_DIGITS = 16;

    /** The shape of an HTTP version: '0' stands for any digit. */
    private static final byte[] HTTP_VERSION = ascii("HTTP/0.0");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final int IS_CONTENT_LENGTH = 1;
    private static final int IS_TRANSFER_ENCODING = 2;

    /** token characters (RFC 9110 5.6.2): what a method and a field name are made of. */
    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private final Rejection rejection;
    private final int maxLineLength;
    private final int maxHeaderSize;

    private int state = START;
    private int versionLength;
    /** Bytes of the current request seen so far (where a rejection happened). */
    private long offset;
    private boolean inTrailers;
    private int headerLines;
    /** Which of the framing fields the current field name may still be (bits), and how far it got. */
    private int nameCandidates;
    private int nameLength;
    private int field;
    private boolean sawContentLength;
    private boolean sawTransferEncoding;
    private long contentLength;
    private int contentLengthDigits;
    private boolean contentLengthEnded;
    private long chunkSize;
    private int chunkSizeDigits;
    /** Body bytes to skip: the rest of a fixed-length body or of a chunk's data. */
    private long remaining;
    /** Bytes of the line being read: the request line, the empty lines before it, or a chunk-size line. */
    private int lineLength;
    /** Bytes of the field lines of the header and trailer sections (without CRLFs), as Netty counts them. */
    private int headerSize;
    /** Set by {@link #process} at a bad byte, with the status to answer it with. */
    private String problem;
    private HttpResponseStatus problemStatus;

    RequestByteScanner(Rejection rejection, RequestLimits limits) {
        this.rejection = rejection;
        this.maxLineLength = limits.maxRequestLineLength();
        this.maxHeaderSize = limits.maxHeaderSize();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        if (rejection.rejected()) {
            in.release();
            return;
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int index = start;
        while (index < end) {
            if (state == FIXED_BODY || state == CHUNK_DATA) {
                int skipped = (int) Math.min(remaining, end - index);
                index += skipped;
                offset += skipped;
                remaining -= skipped;
                if (remaining == 0) {
                    if (state == FIXED_BODY) {
                        requestDone();
                    } else {
                        state = CHUNK_DATA_CR;
                    }
                }
                continue;
            }
            int stop = in.forEachByte(index, end - index, this);
            if (stop < 0) {
                break;
            }
            if (problem != null) {
                reject(ctx, in, start, stop, end);
                return;
            }
            index = stop + 1;
        }
        ctx.fireChannelRead(in);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        // The server refused an expectation and will not read this body: the decoder then skips to the next
        // request (HttpObjectDecoder resets while reading a fixed-length body or a chunk-size line), so must the scan.
        if (evt instanceof HttpExpectationFailedEvent
                && (state == FIXED_BODY || state == CHUNK_SIZE_START && !inTrailers)) {
            requestDone();
        }
        super.userEventTriggered(ctx, evt);
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in, int start, int stop, int end) {
        int from = Math.max(start, stop - 24);
        String excerpt = Excerpts.of(in, from, Math.min(end, stop + 25) - from, 49);
        boolean inBody = state >= FIXED_BODY || inTrailers;
        HttpRequestRejectedException cause = new HttpRequestRejectedException(problemStatus,
                problem + " at byte " + (offset - 1) + " of the request", excerpt, null);
        if (stop > start) {
            ctx.fireChannelRead(in.retainedSlice(start, stop - start));
        }
        in.release();
        rejection.reject();
        ctx.fireChannelRead(inBody ? Rejection.failedBody(cause) : Rejection.failedHead(cause));
    }

    /**
     * Takes one byte; {@code false} stops the loop, at a bad byte (with {@link #problem} set) or where a body's
     * bytes begin (skipped in bulk).
     */
    @Override
    public boolean process(byte b) {
        offset++;
        if (!counted(b)) {
            return false;
        }
        switch (state) {
            case START:
                if (b == CR) {
                    state = START_LF;
                    return true;
                }
                if (b == LF) {
                    return fail("bare LF before the request line");
                }
                if (!isTchar(b)) {
                    return fail(describe(b) + " at the start of the request line (a method expected)");
                }
                state = METHOD;
                lineLength = 0;
                return requestLineByte();
            case START_LF:
                if (b != LF) {
                    return fail("bare CR before the request line");
                }
                state = START;
                offset = 0;
                return true;
            case METHOD:
                if (b == SP) {
                    state = TARGET_START;
                    return true;
                }
                return isTchar(b) || fail(describe(b) + " in the method of the request line");
            case TARGET_START:
                if (b == SP) {
                    return fail("more than one space after the method in the request line");
                }
                state = TARGET;
                return isVisible(b) || fail(describe(b) + " in the request-target");
            case TARGET:
                if (b == SP) {
                    state = VERSION_START;
                    return true;
                }
                return isVisible(b) || fail(describe(b) + " in the request-target");
            case VERSION_START:
                if (b == SP) {
                    return fail("more than one space before the HTTP version in the request line");
                }
                if (b == CR || b == LF) {
                    return fail("no HTTP version after the request-target");
                }
                state = VERSION;
                versionLength = 0;
                return versionByte(b);
            case VERSION:
                if (b == CR) {
                    state = REQUEST_LINE_LF;
                    return versionLength == HTTP_VERSION.length
                            || fail("malformed HTTP version (HTTP/ and two digits, as HTTP/1.1)");
                }
                if (b == LF) {
                    return fail("bare LF at the end of the request line");
                }
                if (b == SP) {
                    return fail("a space after the HTTP version in the request line");
                }
                return versionByte(b);
            case REQUEST_LINE_LF:
                if (b != LF) {
                    return fail("bare CR in the request line");
                }
                state = LINE_START;
                return true;
            case LINE_START:
                return lineStart(b);
            case NAME:
                if (b == ':') {
                    nameEnded();
                    return problem == null;
                }
                if (b == SP || b == HTAB) {
                    return fail("whitespace between the field name and the colon in " + section());
                }
                if (b == CR || b == LF) {
                    return fail("a field line without a colon in " + section());
                }
                nameByte(b);
                return true;
            case VALUE:
                if (b == CR) {
                    state = VALUE_LF;
                    return true;
                }
                if (b == LF) {
                    return fail("bare LF in a field line of " + section());
                }
                return field != IS_CONTENT_LENGTH || contentLengthByte(b);
            case VALUE_LF:
                if (b != LF) {
                    return fail("bare CR in a field value of " + section());
                }
                if (field == IS_CONTENT_LENGTH && contentLengthDigits == 0) {
                    return fail("an empty Content-Length");
                }
                state = LINE_START;
                return true;
            case SECTION_END_LF:
                if (b != LF) {
                    return fail("bare CR in " + section());
                }
                return sectionEnded();
            case CHUNK_SIZE_START:
                lineLength = 1;
                if (Character.digit(b, 16) < 0) {
                    return fail(describe(b) + " where a chunk size (hex digits) was expected");
                }
                return chunkSizeDigit(b);
            case CHUNK_SIZE:
                if (Character.digit(b, 16) >= 0) {
                    return chunkSizeDigit(b);
                }
                return afterChunkSize(b);
            case CHUNK_SIZE_WHITESPACE:
                if (b == SP || b == HTAB) {
                    return true;
                }
                if (b == ';') {
                    state = CHUNK_EXTENSION;
                    return true;
                }
                return fail(describe(b) + " after a chunk size and whitespace (only a chunk extension may follow)");
            case CHUNK_EXTENSION:
                if (b == CR) {
                    state = CHUNK_LINE_LF;
                    return true;
                }
                return b != LF || fail("bare LF in a chunk extension");
            case CHUNK_LINE_LF:
                if (b != LF) {
                    return fail("bare CR in a chunk-size line");
                }
                if (chunkSize == 0) {
                    inTrailers = true;
                    headerLines = 0;
                    state = LINE_START;
                    return true;
                }
                remaining = chunkSize;
                state = CHUNK_DATA;
                return false;
            case CHUNK_DATA_CR:
                if (b != CR) {
                    return fail("chunk data not followed by CRLF (" + describe(b) + " after the chunk's last byte)");
                }
                state = CHUNK_DATA_LF;
                return true;
            case CHUNK_DATA_LF:
                if (b != LF) {
                    return fail("chunk data not followed by CRLF (bare CR after the chunk's last byte)");
                }
                chunkSize = 0;
                chunkSizeDigits = 0;
                state = CHUNK_SIZE_START;
                return true;
            default:
                throw new IllegalStateException("no byte is read in state " + state);
        }
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112 2.3); Netty would take http/1.1. */
    private boolean versionByte(byte b) {
        byte expected = versionLength < HTTP_VERSION.length ? HTTP_VERSION[versionLength] : 0;
        versionLength++;
        boolean matches = expected == '0' ? b >= '0' && b <= '9' : b == expected;
        return matches || fail(describe(b) + " in the HTTP version (HTTP/ and two digits, as HTTP/1.1)");
    }

    /** Counts {@code b} against the limit of the line or section it belongs to (a CR ends a line: not counted). */
    private boolean counted(byte b) {
        switch (state) {
            case START:
                return isTchar(b) || ++lineLength <= maxLineLength
                        || fail("more than " + maxLineLength + " bytes of empty lines before the request line");
            case START_LF:
                return ++lineLength <= maxLineLength
                        || fail("more than " + maxLineLength + " bytes of empty lines before the request line");
            case METHOD:
            case TARGET_START:
            case TARGET:
            case VERSION_START:
            case VERSION:
                return b == CR || requestLineByte();
            case NAME:
            case VALUE:
                return b == CR || headerByte();
            case CHUNK_SIZE:
            case CHUNK_SIZE_WHITESPACE:
            case CHUNK_EXTENSION:
                return b == CR || chunkLineByte();
            default:
                return true;
        }
    }

    private boolean lineStart(byte b) {
        if (b == CR) {
            state = SECTION_END_LF;
            return true;
        }
        if (b == LF) {
            return fail("bare LF in " + section());
        }
        if (b == SP || b == HTAB) {
            return fail(headerLines == 0 && !inTrailers
                    ? "whitespace before the first field line"
                    : "obs-fold: a field line continued on the next line (line folding is refused) in " + section());
        }
        if (b == ':') {
            return fail("a field line with an empty name in " + section());
        }
        if (!headerByte()) {
            return false;
        }
        headerLines++;
        nameCandidates = inTrailers ? 0 : IS_CONTENT_LENGTH | IS_TRANSFER_ENCODING;
        nameLength = 0;
        field = 0;
        nameByte(b);
        state = NAME;
        return true;
    }

    private void nameByte(byte b) {
        if (nameCandidates != 0) {
            byte lower = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
            if (nameLength >= CONTENT_LENGTH.length || CONTENT_LENGTH[nameLength] != lower) {
                nameCandidates &= ~IS_CONTENT_LENGTH;
            }
            if (nameLength >= TRANSFER_ENCODING.length || TRANSFER_ENCODING[nameLength] != lower) {
                nameCandidates &= ~IS_TRANSFER_ENCODING;
            }
        }
        nameLength++;
    }

    private void nameEnded() {
        state = VALUE;
        if ((nameCandidates & IS_CONTENT_LENGTH) != 0 && nameLength == CONTENT_LENGTH.length) {
            if (sawContentLength) {
                fail("Content-Length given twice");
                return;
            }
            sawContentLength = true;
            field = IS_CONTENT_LENGTH;
        } else if ((nameCandidates & IS_TRANSFER_ENCODING) != 0 && nameLength == TRANSFER_ENCODING.length) {
            sawTransferEncoding = true;
            field = IS_TRANSFER_ENCODING;
        }
    }

    private boolean contentLengthByte(byte b) {
        if (b >= '0' && b <= '9') {
            if (contentLengthEnded) {
                return fail("Content-Length is not one decimal number");
            }
            int digit = b - '0';
            if (contentLength > (Long.MAX_VALUE - digit) / 10) {
                return fail("Content-Length too large");
            }
            contentLength = contentLength * 10 + digit;
            contentLengthDigits++;
            return true;
        }
        if (b == SP || b == HTAB) {
            contentLengthEnded = contentLengthDigits > 0;
            return true;
        }
        return fail(describe(b) + " in Content-Length (a decimal number; a list of lengths is refused)");
    }

    private boolean sectionEnded() {
        if (inTrailers) {
            requestDone();
            return true;
        }
        if (sawTransferEncoding) {
            chunkSize = 0;
            chunkSizeDigits = 0;
            state = CHUNK_SIZE_START;
            return true;
        }
        if (sawContentLength && contentLength > 0) {
            remaining = contentLength;
            state = FIXED_BODY;
            return false;
        }
        requestDone();
        return true;
    }

    private boolean chunkSizeDigit(byte b) {
        if (++chunkSizeDigits > MAX_CHUNK_SIZE_DIGITS) {
            return fail("chunk size longer than " + MAX_CHUNK_SIZE_DIGITS + " hex digits");
        }
        chunkSize = chunkSize * 16 + Character.digit(b, 16);
        if (chunkSize > Integer.MAX_VALUE) {
            return fail("chunk size over " + Integer.MAX_VALUE + " bytes");
        }
        state = CHUNK_SIZE;
        return true;
    }

    private boolean afterChunkSize(byte b) {
        switch (b) {
            case CR:
                state = CHUNK_LINE_LF;
                return true;
            case LF:
                return fail("bare LF after a chunk size");
            case ';':
                state = CHUNK_EXTENSION;
                return true;
            case SP:
            case HTAB:
                state = CHUNK_SIZE_WHITESPACE;
                return true;
            default:
                return fail(describe(b) + " in a chunk size");
        }
    }

    /** The current request ended: the next byte starts the next one. */
    private void requestDone() {
        state = START;
        lineLength = 0;
        headerSize = 0;
        offset = 0;
        inTrailers = false;
        headerLines = 0;
        sawContentLength = false;
        sawTransferEncoding = false;
        contentLength = 0;
        contentLengthDigits = 0;
        contentLengthEnded = false;
        chunkSize = 0;
        chunkSizeDigits = 0;
        remaining = 0;
        field = 0;
    }

    private String section() {
        return inTrailers ? "the trailer section" : "the header section";
    }

    private boolean fail(String what) {
        return fail(HttpResponseStatus.BAD_REQUEST, what);
    }

    private boolean fail(HttpResponseStatus status, String what) {
        problem = what;
        problemStatus = status;
        return false;
    }

    /** Counts a byte of the request line; past the limit, 414. */
    private boolean requestLineByte() {
        return ++lineLength <= maxLineLength || fail(HttpResponseStatus.REQUEST_URI_TOO_LONG,
                "request line longer than " + maxLineLength + " bytes");
    }

    /** Counts a byte of a field line; past the limit, 431. */
    private boolean headerByte() {
        return ++headerSize <= maxHeaderSize || fail(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                (inTrailers ? "header and trailer sections" : "header section") + " longer than " + maxHeaderSize
                        + " bytes");
    }

    /** Counts a byte of a chunk-size line (Netty reads it under the request line's limit); past it, 400. */
    private boolean chunkLineByte() {
        return ++lineLength <= maxLineLength
                || fail("chunk-size line longer than " + maxLineLength + " bytes");
    }

    private static boolean isTchar(byte b) {
        return TCHAR[b & 0xff];
    }

    /** Visible ASCII: what a request-target (RFC 9112 3.2, RFC 3986) and an HTTP version consist of. */
    private static boolean isVisible(byte b) {
        return b > SP && b < 0x7f;
    }

    private static String describe(byte b) {
        switch (b) {
            case CR:
                return "bare CR";
            case LF:
                return "bare LF";
            case HTAB:
                return "HTAB";
            case SP:
                return "a space";
            default:
                return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
        }
    }

    private static byte[] ascii(String name) {
        byte[] bytes = new byte[name.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) name.charAt(i);
        }
        return bytes;
    }
}

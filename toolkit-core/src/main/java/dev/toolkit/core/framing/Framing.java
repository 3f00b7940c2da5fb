package dev.toolkit.core.framing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.toolkit.core.error.Excerpts;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.FixedLengthFrameDecoder;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The framing styles of network programs, each as a {@link Framer} with a mandatory maximum frame size.
 *
 * <pre>{@code
 * Framer zen = Framing.delimiter("?", 1024);            // the Zen protocol's questions
 * Framer blocks = Framing.lengthPrefix(4, 64 * 1024);   // struct.pack('!I', len(block)) + block
 * zen.addTo(channel.pipeline());
 * }</pre>
 *
 * <p>Arguments are checked at once: a limit must be positive, a delimiter non-empty, a length prefix 1, 2,
 * 4 or 8 bytes able to express the limit.
 */
public final class Framing {

    private Framing() {
    }

    /**
     * Frames of exactly {@code frameLength} bytes, back to back; the limit is the frame length. The encoder
     * rejects frames of any other length. Bytes of an incomplete last frame are dropped when the input ends.
     */
    public static Framer fixedLength(int frameLength) {
        positive(frameLength, "frameLength");
        String description = frameLength + "-byte fixed-length";
        return new DefaultFramer(description, "fixed-length", frameLength,
                () -> new FixedLengthFrameDecoder(frameLength),
                () -> new FixedLengthFrameEncoder(description, frameLength));
    }

    /**
     * Frames ended by {@code delimiter}, encoded in UTF-8 (the Zen protocol of chapter 7 uses {@code "?"}).
     *
     * @see #delimiter(byte[], int)
     */
    public static Framer delimiter(String delimiter, int maxFrameLength) {
        Objects.requireNonNull(delimiter, "delimiter");
        return delimiter(delimiter.getBytes(StandardCharsets.UTF_8), maxFrameLength);
    }

    /**
     * Frames ended by {@code delimiter}, which the decoder strips and the encoder appends (to a {@code ByteBuf}
     * or to text, a {@code CharSequence} written in UTF-8). A frame longer than
     * {@code maxFrameLength} fails as soon as the decoder can tell, without waiting for its delimiter: once
     * more bytes than the limit have arrived, plus at most the delimiter's length less one (those bytes might
     * be the start of the delimiter); the decoder then skips to the next delimiter and goes on. The encoder
     * rejects frames containing the delimiter. Bytes after the last delimiter are dropped when the input ends.
     */
    public static Framer delimiter(byte[] delimiter, int maxFrameLength) {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("delimiter must not be empty");
        }
        positive(maxFrameLength, "maxFrameLength");
        byte[] copy = delimiter.clone();
        String description = "delimiter " + Excerpts.of(copy);
        return new DefaultFramer(description, "delimiter", maxFrameLength,
                () -> new DelimiterFrameDecoder(description, maxFrameLength, copy),
                () -> new DelimiterFrameEncoder(description, maxFrameLength, copy, false));
    }

    /**
     * Lines ended by LF or CRLF, encoded with CRLF, the line end of Internet protocols.
     *
     * @see LineFramer for strict CRLF and for malformed lines delivered to the protocol
     */
    public static LineFramer lines(int maxFrameLength) {
        return lines(maxFrameLength, LineEnding.CRLF);
    }

    /**
     * Lines: the decoder splits at LF or CRLF and strips it; the encoder appends {@code encodeWith} and
     * rejects lines containing a line feed. The limit counts the line without its end; an overlong line fails
     * once {@code maxFrameLength + 2} bytes have arrived without a line feed (the byte after the limit might
     * be a CR), and decoding resumes after the next line end. See {@link LineFramer} for the other settings.
     */
    public static LineFramer lines(int maxFrameLength, LineEnding encodeWith) {
        positive(maxFrameLength, "maxFrameLength");
        Objects.requireNonNull(encodeWith, "encodeWith");
        return new LineFramer(maxFrameLength, encodeWith, false, false);
    }

    /** Frames preceded by their length as a big-endian (network order) unsigned integer: {@code '!I'} for 4. */
    public static Framer lengthPrefix(int prefixBytes, int maxFrameLength) {
        return lengthPrefix(prefixBytes, maxFrameLength, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Frames preceded by their length as an unsigned {@code prefixBytes}-byte integer in {@code order}; the
     * length counts the frame only. Zero-length frames are sent and delivered (as the book's {@code blocks}
     * listing ends its stream). An announced length above the limit fails at once, naming it, and the decoder
     * skips that many bytes; an 8-byte length with its top bit set is malformed and ends decoding.
     *
     * @param prefixBytes 1, 2, 4 or 8
     * @param maxFrameLength at most what the prefix can express (255 for 1 byte, 65535 for 2)
     */
    public static Framer lengthPrefix(int prefixBytes, int maxFrameLength, ByteOrder order) {
        Objects.requireNonNull(order, "order");
        positive(maxFrameLength, "maxFrameLength");
        long largest;
        switch (prefixBytes) {
            case 1:
                largest = 0xff;
                break;
            case 2:
                largest = 0xffff;
                break;
            case 4:
            case 8:
                largest = Integer.MAX_VALUE - prefixBytes;
                break;
            default:
                throw new IllegalArgumentException("a length prefix has 1, 2, 4 or 8 bytes, not " + prefixBytes);
        }
        if (maxFrameLength > largest) {
            throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " is more than a "
                    + prefixBytes + "-byte length prefix can carry here (" + largest + ")");
        }
        String description = prefixBytes + "-byte " + (order == ByteOrder.LITTLE_ENDIAN ? "little-endian " : "")
                + "length prefix";
        return new DefaultFramer(description, "length-prefix", maxFrameLength,
                () -> new LengthPrefixFrameDecoder(description, prefixBytes, maxFrameLength, order),
                () -> new LengthPrefixFrameEncoder(description, prefixBytes, maxFrameLength, order));
    }

    /**
     * One frame per connection and direction: everything received until the peer shuts down its output (or
     * closes), delivered when the input ends, even if empty. Enable
     * {@link io.netty.channel.ChannelOption#ALLOW_HALF_CLOSURE} to answer after the frame. The encoder writes
     * bytes as they are; the writer ends its frame with {@code shutdownOutput()} or by closing. The limit
     * bounds the whole frame, in both directions.
     */
    public static Framer endOfFile(int maxFrameLength) {
        positive(maxFrameLength, "maxFrameLength");
        String description = "end-of-file";
        return new DefaultFramer(description, "end-of-file", maxFrameLength,
                () -> new EndOfFileFrameDecoder(description, maxFrameLength),
                () -> new EndOfFileFrameEncoder(description, maxFrameLength));
    }

    /** Concatenated JSON documents, read and written with a shared default {@link ObjectMapper}. */
    public static Framer json(int maxFrameLength) {
        return json(maxFrameLength, JsonSupport.DEFAULT_MAPPER);
    }

    /**
     * Concatenated (or whitespace-separated) JSON objects and arrays, as a streaming peer writes them: the
     * decoder delivers one {@link com.fasterxml.jackson.databind.JsonNode} per document; the encoder writes
     * each outbound object as a document. Top-level scalars cannot be framed this way (nothing marks their
     * end); use {@link #jsonLines(int)} for them. A document that is not valid JSON fails alone; a document
     * over the limit, or bytes that cannot start a document, end decoding.
     */
    public static Framer json(int maxFrameLength, ObjectMapper mapper) {
        positive(maxFrameLength, "maxFrameLength");
        Objects.requireNonNull(mapper, "mapper");
        String description = "JSON document";
        ObjectReader reader = JsonSupport.reader(mapper);
        ObjectWriter writer = mapper.writer();
        return new DefaultFramer(description, "json", maxFrameLength,
                () -> new JsonDocumentDecoder(description, maxFrameLength, reader),
                () -> new JsonEncoder(description, maxFrameLength, writer, false), mapper);
    }

    /** Newline-delimited JSON with a shared default {@link ObjectMapper}. */
    public static Framer jsonLines(int maxFrameLength) {
        return jsonLines(maxFrameLength, JsonSupport.DEFAULT_MAPPER);
    }

    /**
     * Newline-delimited JSON (JSON Lines): one JSON value per line, scalars included. The decoder splits at
     * LF or CRLF, skips blank lines and parses each line; the encoder writes each outbound object on one line
     * (never indented) followed by LF. The limit counts a line without its end.
     */
    public static Framer jsonLines(int maxFrameLength, ObjectMapper mapper) {
        positive(maxFrameLength, "maxFrameLength");
        Objects.requireNonNull(mapper, "mapper");
        String description = "JSON line";
        ObjectReader reader = JsonSupport.reader(mapper);
        ObjectWriter writer = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
        return new DefaultFramer(description, "json-lines", maxFrameLength,
                () -> new JsonLinesDecoder(description, maxFrameLength, reader),
                () -> new JsonEncoder(description, maxFrameLength, writer, true), mapper);
    }

    /**
     * Compressed frames: each outbound buffer becomes one complete zlib stream (RFC 1950, as Python's
     * {@code zlib.compress}), and each received stream one decompressed buffer. The format marks where each
     * stream ends, so it frames by itself; to carry a stream of lines or other frames, put another framer on
     * top (add this one to the pipeline first). The limit is on the decompressed size: a decompression bomb
     * fails once the limit is passed, without inflating further. Corrupt input is a protocol violation, after
     * which the rest of the input is discarded.
     *
     * @param maxDecompressedFrameLength the largest decompressed frame
     */
    public static Framer zlib(int maxDecompressedFrameLength) {
        return compressed(Compression.ZLIB, maxDecompressedFrameLength);
    }

    /**
     * Like {@link #zlib(int)} with each frame one gzip member (RFC 1952, as Python's {@code gzip.compress});
     * the decoder checks each member's CRC-32 and length.
     *
     * @param maxDecompressedFrameLength the largest decompressed frame
     */
    public static Framer gzip(int maxDecompressedFrameLength) {
        return compressed(Compression.GZIP, maxDecompressedFrameLength);
    }

    private static Framer compressed(Compression format, int max) {
        positive(max, "maxDecompressedFrameLength");
        return new DefaultFramer(format.label(), format.label(), max,
                () -> new CompressedFrameDecoder(format, max),
                () -> new CompressedFrameEncoder(format, max));
    }

    /**
     * Replaces the decoder named {@code currentDecoder} with {@code decoder}, which receives at once the bytes
     * the old decoder had read but not decoded (Netty's {@link ByteToMessageDecoder} hands its buffer to the
     * next handler when it is removed, and {@link ChannelPipeline#replace} makes the new decoder that next
     * handler). This is how a protocol switches framing mid-connection; see
     * {@link Framer#replaceDecoder(ChannelPipeline, String)} for when to call it.
     *
     * @throws IllegalArgumentException if no handler has that name, or it is not a {@link ByteToMessageDecoder}
     *     (which would drop or keep the bytes it holds)
     * @throws IllegalStateException if called outside the channel's event loop, where no frame boundary is
     *     known
     */
    public static void replaceDecoder(ChannelPipeline pipeline, String currentDecoder, String newName,
                                      ChannelHandler decoder) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(currentDecoder, "currentDecoder");
        Objects.requireNonNull(newName, "newName");
        Objects.requireNonNull(decoder, "decoder");
        ChannelHandler current = pipeline.get(currentDecoder);
        if (current == null) {
            throw new IllegalArgumentException("no handler named " + currentDecoder + " in " + pipeline.names());
        }
        if (!(current instanceof ByteToMessageDecoder)) {
            throw new IllegalArgumentException("handler " + currentDecoder + " (" + current.getClass().getName()
                    + ") is not a ByteToMessageDecoder, so it would not hand its unread bytes to a new decoder");
        }
        if (!pipeline.channel().eventLoop().inEventLoop()) {
            throw new IllegalStateException("switch framing on the channel's event loop, from the handler of the"
                    + " frame at the boundary, not from " + Thread.currentThread().getName());
        }
        pipeline.replace(currentDecoder, newName, decoder);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}

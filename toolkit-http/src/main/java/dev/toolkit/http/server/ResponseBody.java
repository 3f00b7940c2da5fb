package dev.toolkit.http.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the server writes as a response's content: nothing, bytes (text and JSON are encoded at once), a
 * stream, or a file or a slice of one. Its Content-Type is used unless the response sets the header itself.
 *
 * <p>Bytes, text and JSON bodies are immutable values and may be sent any number of times; a stream body is
 * read once, by the response it is sent with.
 */
public final class ResponseBody {

    /** What kind of content a body holds, which decides how the server sends it. */
    enum Kind { EMPTY, BYTES, STREAM, FILE }

    static final String OCTET_STREAM = "application/octet-stream";
    static final String TEXT_UTF8 = "text/plain; charset=utf-8";
    static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ResponseBody EMPTY = new ResponseBody(Kind.EMPTY, null, null, null, 0, 0, null);
    private static final byte[] NO_BYTES = new byte[0];

    /** Types the JDK's file name map lacks or names in an older way. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("txt", TEXT_UTF8), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", JSON), Map.entry("svg", "image/svg+xml"), Map.entry("wasm", "application/wasm"),
            Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("xml", "application/xml"), Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("gz", "application/gzip"), Map.entry("zip", "application/zip"));

    private final Kind kind;
    private final byte[] bytes;
    private final InputStream stream;
    private final Path file;
    private final long offset;
    private final long length;
    private final String contentType;
    private final boolean slice;

    private ResponseBody(Kind kind, byte[] bytes, InputStream stream, Path file, long offset, long length,
            String contentType) {
        this(kind, bytes, stream, file, offset, length, contentType, false);
    }

    private ResponseBody(Kind kind, byte[] bytes, InputStream stream, Path file, long offset, long length,
            String contentType, boolean slice) {
        this.slice = slice;
        this.kind = kind;
        this.bytes = bytes;
        this.stream = stream;
        this.file = file;
        this.offset = offset;
        this.length = length;
        this.contentType = contentType;
    }

    /** No content ({@code Content-Length: 0} where the status allows a body). */
    public static ResponseBody empty() {
        return EMPTY;
    }

    /**
     * These bytes (copied), of {@code contentType}.
     *
     * @param contentType the media type, {@code null} for {@code application/octet-stream}
     */
    public static ResponseBody bytes(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        return new ResponseBody(Kind.BYTES, bytes.clone(), null, null, 0, bytes.length,
                contentType == null ? OCTET_STREAM : contentType);
    }

    /** Text as UTF-8, {@code text/plain; charset=utf-8}. */
    public static ResponseBody text(String text) {
        return text(text, StandardCharsets.UTF_8, "text/plain");
    }

    /**
     * Text in {@code charset}, as {@code mediaType; charset=...}.
     *
     * @param mediaType the media type without parameters, such as {@code text/html}
     */
    public static ResponseBody text(String text, Charset charset, String mediaType) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(mediaType, "mediaType");
        byte[] encoded = text.getBytes(charset);
        return new ResponseBody(Kind.BYTES, encoded, null, null, 0, encoded.length,
                mediaType + "; charset=" + charset.name().toLowerCase(Locale.ROOT));
    }

    /**
     * {@code value} written as JSON through Jackson, {@code application/json}.
     *
     * @throws IllegalArgumentException if Jackson cannot write {@code value}
     */
    public static ResponseBody json(Object value) {
        byte[] encoded;
        try {
            encoded = MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + (value == null ? "null" : value.getClass().getName())
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
        return new ResponseBody(Kind.BYTES, encoded, null, null, 0, encoded.length, JSON);
    }

    /**
     * The bytes read from {@code in} (closed once read). It is read on the server's worker pool and not read
     * while the connection cannot take more.
     *
     * @param length the number of bytes it holds, or {@code -1} when unknown (sent chunked, or close-delimited
     *     to an HTTP/1.0 client)
     * @param contentType the media type, {@code null} for {@code application/octet-stream}
     */
    public static ResponseBody stream(InputStream in, long length, String contentType) {
        Objects.requireNonNull(in, "in");
        if (length < -1) {
            throw new IllegalArgumentException("length must be -1 (unknown) or at least 0: " + length);
        }
        return new ResponseBody(Kind.STREAM, null, in, null, 0, length,
                contentType == null ? OCTET_STREAM : contentType);
    }

    /**
     * The whole of {@code file}, with the Content-Type its extension names. Sent zero-copy on plaintext
     * connections and in chunks over TLS.
     *
     * @throws UncheckedIOException if the file's size cannot be read
     */
    public static ResponseBody file(Path file) {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
        return new ResponseBody(Kind.FILE, null, null, file, 0, size, contentTypeOf(file));
    }

    /**
     * {@code length} bytes of {@code file} from {@code offset} (a range). Never compressed.
     *
     * @param contentType the media type, {@code null} for the one the extension names
     */
    public static ResponseBody file(Path file, long offset, long length, String contentType) {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: offset=" + offset
                    + ", length=" + length);
        }
        return new ResponseBody(Kind.FILE, null, null, file, offset, length,
                contentType == null ? contentTypeOf(file) : contentType, true);
    }

    /**
     * The media type the name of {@code file} suggests (by its extension), {@code application/octet-stream}
     * when it names none.
     */
    public static String contentTypeOf(Path file) {
        Path name = file.getFileName();
        String fileName = name == null ? "" : name.toString();
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0) {
            String known = EXTENSIONS.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        String guessed = URLConnection.getFileNameMap().getContentTypeFor(fileName);
        return guessed == null ? OCTET_STREAM : guessed;
    }

    /** The media type of the content. */
    public String contentType() {
        return contentType;
    }

    /** The number of bytes, or {@code -1} when unknown (a stream of unknown length). */
    public long contentLength() {
        return length;
    }

    Kind kind() {
        return kind;
    }

    /** The content of a bytes body (not copied: never modify it); empty for the other kinds. */
    byte[] content() {
        return bytes == null ? NO_BYTES : bytes;
    }

    InputStream stream() {
        return stream;
    }

    Path file() {
        return file;
    }

    long offset() {
        return offset;
    }

    /** Whether this was made as a slice of a file (a range), which is never compressed. */
    boolean isFileSlice() {
        return slice;
    }

    @Override
    public String toString() {
        switch (kind) {
            case EMPTY:
                return "ResponseBody{empty}";
            case FILE:
                return "ResponseBody{file " + file + " [" + offset + ", +" + length + "), " + contentType + "}";
            default:
                return "ResponseBody{" + kind.name().toLowerCase(Locale.ROOT) + ", " + length + " bytes, "
                        + contentType + "}";
        }
    }
}

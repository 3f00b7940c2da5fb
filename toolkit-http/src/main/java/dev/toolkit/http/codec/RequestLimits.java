package dev.toolkit.http.codec;

import dev.toolkit.core.config.Validation;

/**
 * The size limits a request head is decoded under: immutable, made by {@link #builder()} (the defaults) or
 * {@link #toBuilder()}. Each limit is inclusive: a request exactly at a limit is accepted, one byte (or one
 * field) past it is rejected with the status named below.
 *
 * <table>
 * <caption>Request limits</caption>
 * <tr><th>limit</th><th>default</th><th>measures</th><th>past it</th></tr>
 * <tr><td>{@link #maxRequestLineLength()}</td><td>8192</td><td>the request line, its CRLF not counted</td>
 * <td>414</td></tr>
 * <tr><td>{@link #maxHeaderSize()}</td><td>16384</td><td>the header section: every field line, their CRLFs not
 * counted (Netty's measure); a chunked request's trailer section counts against what the header section left</td>
 * <td>431</td></tr>
 * <tr><td>{@link #maxHeaderCount()}</td><td>100</td><td>field lines of the header section, and separately of
 * the trailer section</td><td>431</td></tr>
 * <tr><td>{@link #maxChunkSize()}</td><td>8192</td><td>the largest body piece ({@code HttpContent}) the decoder
 * passes on; bigger chunks and bodies arrive in several pieces, never refused</td><td>(no status)</td></tr>
 * </table>
 */
public final class RequestLimits {

    /** The default {@link #maxRequestLineLength()}. */
    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8192;
    /** The default {@link #maxHeaderSize()}. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 16384;
    /** The default {@link #maxHeaderCount()}. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    /** The default {@link #maxChunkSize()}. */
    public static final int DEFAULT_MAX_CHUNK_SIZE = 8192;

    private final int maxRequestLineLength;
    private final int maxHeaderSize;
    private final int maxHeaderCount;
    private final int maxChunkSize;

    private RequestLimits(Builder builder) {
        this.maxRequestLineLength = builder.maxRequestLineLength;
        this.maxHeaderSize = builder.maxHeaderSize;
        this.maxHeaderCount = builder.maxHeaderCount;
        this.maxChunkSize = builder.maxChunkSize;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these limits, to derive a variant. */
    public Builder toBuilder() {
        return new Builder()
                .maxRequestLineLength(maxRequestLineLength)
                .maxHeaderSize(maxHeaderSize)
                .maxHeaderCount(maxHeaderCount)
                .maxChunkSize(maxChunkSize);
    }

    /** The longest request line accepted, in bytes without its CRLF; longer is 414. */
    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    /** The largest header section accepted, in bytes of its field lines without their CRLFs; larger is 431. */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** The most field lines a header (or trailer) section may have; more is 431. */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /** The largest body piece passed on, in bytes; larger bodies and chunks are split, not refused. */
    public int maxChunkSize() {
        return maxChunkSize;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RequestLimits)) {
            return false;
        }
        RequestLimits other = (RequestLimits) o;
        return maxRequestLineLength == other.maxRequestLineLength && maxHeaderSize == other.maxHeaderSize
                && maxHeaderCount == other.maxHeaderCount && maxChunkSize == other.maxChunkSize;
    }

    @Override
    public int hashCode() {
        return ((maxRequestLineLength * 31 + maxHeaderSize) * 31 + maxHeaderCount) * 31 + maxChunkSize;
    }

    @Override
    public String toString() {
        return "RequestLimits[maxRequestLineLength=" + maxRequestLineLength + ", maxHeaderSize=" + maxHeaderSize
                + ", maxHeaderCount=" + maxHeaderCount + ", maxChunkSize=" + maxChunkSize + "]";
    }

    /** Stores limits; {@link #build()} checks them all at once. */
    public static final class Builder {
        private int maxRequestLineLength = DEFAULT_MAX_REQUEST_LINE_LENGTH;
        private int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
        private int maxHeaderCount = DEFAULT_MAX_HEADER_COUNT;
        private int maxChunkSize = DEFAULT_MAX_CHUNK_SIZE;

        private Builder() {
        }

        /** The longest request line, in bytes without its CRLF (default 8192). */
        public Builder maxRequestLineLength(int maxRequestLineLength) {
            this.maxRequestLineLength = maxRequestLineLength;
            return this;
        }

        /** The largest header section, in bytes of its field lines without their CRLFs (default 16384). */
        public Builder maxHeaderSize(int maxHeaderSize) {
            this.maxHeaderSize = maxHeaderSize;
            return this;
        }

        /** The most field lines of a header or trailer section (default 100). */
        public Builder maxHeaderCount(int maxHeaderCount) {
            this.maxHeaderCount = maxHeaderCount;
            return this;
        }

        /** The largest body piece the decoder passes on, in bytes (default 8192). */
        public Builder maxChunkSize(int maxChunkSize) {
            this.maxChunkSize = maxChunkSize;
            return this;
        }

        /**
         * The limits.
         *
         * @throws IllegalArgumentException naming every limit below its minimum: 14 for the request line (the
         *     length of {@code GET / HTTP/1.1}), 1 for the others
         */
        public RequestLimits build() {
            Validation.of("RequestLimits")
                    .atLeast("maxRequestLineLength", maxRequestLineLength, 14)
                    .atLeast("maxHeaderSize", maxHeaderSize, 1)
                    .atLeast("maxHeaderCount", maxHeaderCount, 1)
                    .atLeast("maxChunkSize", maxChunkSize, 1)
                    .done();
            return new RequestLimits(this);
        }
    }
}

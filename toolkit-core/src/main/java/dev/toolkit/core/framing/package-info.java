/**
 * Framing: how a byte stream is cut into messages. {@link dev.toolkit.core.framing.Framing} makes a
 * {@link dev.toolkit.core.framing.Framer} for each style of the book (fixed length, delimiter or terminator,
 * lines, length prefix, end of file, JSON documents, JSON lines, zlib and gzip compression); each framer
 * makes a fresh Netty decoder and encoder per connection.
 *
 * <p>Every decoder has a mandatory maximum frame size. A frame that grows beyond it fails at once, before
 * the rest of it is buffered, with a {@link dev.toolkit.core.error.FrameTooLongException} that names the
 * framing, the limit, the bytes seen so far (or the length announced by a length prefix) and an escaped
 * excerpt; Netty delivers it to {@code exceptionCaught} as the cause of a
 * {@link io.netty.handler.codec.DecoderException}, and {@link dev.toolkit.core.error.Exceptions#map} unwraps
 * it. Malformed input (a negative length field, invalid JSON, corrupt compressed data) fails with a
 * {@link dev.toolkit.core.error.ProtocolViolationException}. After an error the decoder holds no more than it
 * did; whether to close the connection is up to the handler that receives the error. Encoders reject, with an
 * {@link io.netty.handler.codec.EncoderException}, any frame they cannot send intact.
 *
 * <p>Decoders deliver zero-length frames (an empty buffer) wherever the framing can express them.
 */
package dev.toolkit.core.framing;

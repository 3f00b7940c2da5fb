package dev.toolkit.core.framing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;

import java.util.Optional;

/**
 * One framing style: it makes fresh decoder and encoder handlers for each connection.
 *
 * <p>Decoders turn the received byte stream into one message per frame, with the framing bytes stripped: a
 * {@link io.netty.buffer.ByteBuf} per frame, or a {@link com.fasterxml.jackson.databind.JsonNode} per
 * document for the JSON framers. Every decoder enforces {@link #maxFrameLength()} and fails with a
 * {@link dev.toolkit.core.error.FrameTooLongException} (wrapped in Netty's
 * {@link io.netty.handler.codec.DecoderException}) as soon as a frame grows beyond it. Encoders do the
 * reverse for outbound messages and reject (with an {@link io.netty.handler.codec.EncoderException}) a frame
 * they cannot send faithfully, such as one longer than the maximum.
 *
 * <p>A framer is also the simplest {@link ProtocolDefinition}: its decoder and encoder and nothing else, for a
 * client that reads and writes the frames itself ({@code tcpClient.connect(host, port, Framing.lines(1024))}).
 *
 * <p>Instances are immutable and may be shared; the handlers they make may not.
 */
public interface Framer extends ProtocolDefinition {

    /** What this framing is called in messages, e.g. {@code "4-byte length prefix"}, {@code "line"}. */
    String description();

    /** The largest frame, in bytes, the decoder accepts and the encoder sends. */
    int maxFrameLength();

    /**
     * A short name for pipeline handler names, e.g. {@code "line"}; handlers are added as
     * {@code name + "-decoder"} and {@code name + "-encoder"}.
     */
    default String name() {
        return "framing";
    }

    /**
     * The Jackson mapper this framer reads and writes JSON with, for whoever binds its documents to types
     * (a TCP client's {@code receive(Type.class)}); empty for framers that carry no JSON.
     */
    default Optional<ObjectMapper> jsonMapper() {
        return Optional.empty();
    }

    /** A new inbound handler: bytes in, one message per frame out. */
    ChannelHandler newDecoder();

    /** A new outbound handler: one message per frame in, framed bytes out. */
    ChannelHandler newEncoder();

    /**
     * Adds a new decoder and then a new encoder at the end of {@code pipeline}, named after {@link #name()}
     * (with a number appended if the name is taken).
     *
     * <p>To stack framers, add the one closest to the network first: {@code Framing.zlib(n).addTo(p)} and
     * then {@code Framing.lines(n).addTo(p)} decompresses received bytes before splitting lines, and
     * compresses lines after terminating them.
     */
    default void addTo(ChannelPipeline pipeline) {
        pipeline.addLast(freeName(pipeline, name() + "-decoder"), newDecoder());
        pipeline.addLast(freeName(pipeline, name() + "-encoder"), newEncoder());
    }

    /** Adds this framing's decoder and encoder to the new connection ({@link #addTo(ChannelPipeline)}). */
    @Override
    default void initialize(Channel channel) {
        addTo(channel.pipeline());
    }

    /**
     * Switches the framing of received bytes to this framing, at a frame boundary, without losing bytes
     * already received after it: replaces the decoder named {@code currentDecoder} with a new decoder of this
     * framing, which receives at once whatever the old one had read but not yet decoded. Call it from the
     * handler of the last frame in the old framing (SMTP's {@code DATA} or {@code BDAT} line, an HTTP upgrade
     * request), after updating that handler's own state: the bytes after the boundary may be decoded, and
     * their frames delivered, before this method returns. The encoder is left alone.
     *
     * <pre>{@code
     * // on "BDAT 5": the next 5 bytes are a chunk, then lines again
     * String chunkDecoder = Framing.fixedLength(5).replaceDecoder(ctx.pipeline(), "line-decoder");
     * }</pre>
     *
     * @param pipeline the connection's pipeline
     * @param currentDecoder the name of the decoder now in use; it must be a
     *     {@link io.netty.handler.codec.ByteToMessageDecoder} that decodes one frame per {@code decode} call,
     *     as every decoder of {@link Framing} does, so that frames after the boundary are still bytes
     * @return the new decoder's name, {@code name() + "-decoder"} (with a number appended if taken)
     * @see Framing#replaceDecoder(ChannelPipeline, String, String, ChannelHandler)
     */
    default String replaceDecoder(ChannelPipeline pipeline, String currentDecoder) {
        String base = name() + "-decoder";
        String name = base.equals(currentDecoder) ? base : freeName(pipeline, base);
        Framing.replaceDecoder(pipeline, currentDecoder, name, newDecoder());
        return name;
    }

    private static String freeName(ChannelPipeline pipeline, String base) {
        String name = base;
        for (int i = 2; pipeline.context(name) != null; i++) {
            name = base + "-" + i;
        }
        return name;
    }
}

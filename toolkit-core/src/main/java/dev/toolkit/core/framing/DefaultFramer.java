package dev.toolkit.core.framing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;

import java.util.Optional;
import java.util.function.Supplier;

/** A framer made of its description, limit, name and two handler factories. */
final class DefaultFramer implements Framer {

    private final String description;
    private final String name;
    private final int maxFrameLength;
    private final Supplier<ChannelHandler> decoder;
    private final Supplier<ChannelHandler> encoder;
    private final ObjectMapper jsonMapper;

    DefaultFramer(String description, String name, int maxFrameLength, Supplier<ChannelHandler> decoder,
                  Supplier<ChannelHandler> encoder) {
        this(description, name, maxFrameLength, decoder, encoder, null);
    }

    /** A framer of JSON documents read and written with {@code jsonMapper}. */
    DefaultFramer(String description, String name, int maxFrameLength, Supplier<ChannelHandler> decoder,
                  Supplier<ChannelHandler> encoder, ObjectMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
        this.description = description;
        this.name = name;
        this.maxFrameLength = maxFrameLength;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<ObjectMapper> jsonMapper() {
        return Optional.ofNullable(jsonMapper);
    }

    @Override
    public ChannelHandler newDecoder() {
        return decoder.get();
    }

    @Override
    public ChannelHandler newEncoder() {
        return encoder.get();
    }

    @Override
    public String toString() {
        return description + " framing (max " + maxFrameLength + " bytes)";
    }
}

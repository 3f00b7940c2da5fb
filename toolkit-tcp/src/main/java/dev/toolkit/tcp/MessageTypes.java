package dev.toolkit.tcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.UnexpectedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a received message into the type a caller asked for: the message itself when it is of that type, a
 * byte buffer as {@code byte[]} or as UTF-8 text, a JSON tree as any type Jackson can bind it to. A message
 * that cannot be taken as the type is refused with an {@link UnexpectedMessageException} and left untouched
 * (not released), so that the caller can keep it.
 */
final class MessageTypes {

    /** Binds JSON trees to the caller's types; only its deserialization settings matter, and they never change. */
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private MessageTypes() {
    }

    /**
     * {@code message} as a {@code type}. When the result is a copy (bytes, text, a bound object) the message
     * is released; when it is the message itself, the caller owns it.
     *
     * @throws UnexpectedMessageException naming both types, {@code message} untouched
     */
    static <T> T as(Object message, Class<T> type) {
        if (type.isInstance(message)) {
            return type.cast(message);
        }
        if (message instanceof ByteBuf && (type == byte[].class || type == String.class)) {
            ByteBuf bytes = (ByteBuf) message;
            T copy = type.cast(type == byte[].class ? ByteBufUtil.getBytes(bytes) : utf8(bytes, type));
            bytes.release();
            return copy;
        }
        if (message instanceof JsonNode) {
            try {
                return JSON.treeToValue((JsonNode) message, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw UnexpectedMessageException.inbound(type, message, "the JSON document does not bind to it ("
                        + (e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
                                : e.getMessage()) + ")");
            }
        }
        throw UnexpectedMessageException.inbound(type, message, null);
    }

    private static String utf8(ByteBuf bytes, Class<?> type) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.nioBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw UnexpectedMessageException.inbound(type, bytes, "the bytes are not UTF-8: " + Excerpts.of(bytes));
        }
    }
}

package dev.toolkit.tcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.UnexpectedMessageException;
import dev.toolkit.core.framing.Framer;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a received message into the type a caller asked for: the message itself when it is of that type, a
 * byte buffer as {@code byte[]} or as UTF-8 text, a JSON tree as any type Jackson can bind it to, with the
 * connection's framer's mapper (its modules and deserialization settings). A message that cannot be taken as
 * the type is refused with an {@link UnexpectedMessageException} and left untouched (not released), so that
 * the caller can keep it.
 */
final class MessageTypes {

    /** Binds JSON trees for protocols that name no mapper; it is never reconfigured, so it is safe to share. */
    private static final ObjectMapper DEFAULT_JSON = JsonMapper.builder().build();

    /** The types of a connection whose protocol names no JSON mapper. */
    static final MessageTypes DEFAULT = new MessageTypes(DEFAULT_JSON);

    private final ObjectMapper json;

    private MessageTypes(ObjectMapper json) {
        this.json = json;
    }

    /** The types of a connection whose protocol is {@code protocol}: a JSON framer's mapper binds its trees. */
    static MessageTypes of(ProtocolDefinition protocol) {
        if (protocol instanceof Framer framer) {
            return framer.jsonMapper().map(MessageTypes::new).orElse(DEFAULT);
        }
        return DEFAULT;
    }

    /**
     * {@code message} as a {@code type}. When the result is a copy (bytes, text, a bound object) the message
     * is released; when it is the message itself, the caller owns it.
     *
     * @throws UnexpectedMessageException naming both types, {@code message} untouched
     */
    <T> T as(Object message, Class<T> type) {
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
                return json.treeToValue((JsonNode) message, type);
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

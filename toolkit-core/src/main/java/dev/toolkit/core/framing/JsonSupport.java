package dev.toolkit.core.framing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

import java.io.IOException;
import java.io.InputStream;

/** Parses one framed JSON document with Jackson, turning failures into protocol errors. */
final class JsonSupport {

    /** Shared by default: an {@link ObjectMapper} is thread-safe once configured, and this one never changes. */
    static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder().build();

    private JsonSupport() {
    }

    /** A reader of one {@link JsonNode} per frame that refuses anything after the document. */
    static ObjectReader reader(ObjectMapper mapper) {
        return mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses the readable bytes of {@code doc} (without consuming or releasing it). */
    static JsonNode parse(ObjectReader reader, ByteBuf doc, String description) {
        try (InputStream in = new ByteBufInputStream(doc.duplicate())) {
            return reader.readValue(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ProtocolViolationException("malformed " + description + ": " + e.getOriginalMessage() + where,
                    Excerpts.of(doc), e);
        } catch (IOException e) {
            // A ByteBufInputStream does no I/O: this is Jackson refusing the bytes' encoding (such as a UCS-4
            // byte order it does not support, a CharConversionException).
            throw new ProtocolViolationException("malformed " + description + ": " + e.getMessage(),
                    Excerpts.of(doc), e);
        }
    }
}

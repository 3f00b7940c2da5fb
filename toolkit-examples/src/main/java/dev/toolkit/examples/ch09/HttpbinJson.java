package dev.toolkit.examples.ch09;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolkit.http.server.ResponseBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON as httpbin's {@code jsonify} writes it (Flask 2.2): compact, keys sorted, non-ASCII escaped, and a
 * newline at the end; and request bodies read as Python's {@code json.loads} reads them (trailing data is
 * an error).
 */
final class HttpbinJson {

    static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private HttpbinJson() {
    }

    /** {@code value} as httpbin's {@code jsonify} encodes it, newline included. */
    static byte[] encode(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(value);
            byte[] withNewline = Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** {@code value} as a JSON response body. */
    static ResponseBody body(Object value) {
        return ResponseBody.bytes(encode(value), CONTENT_TYPE);
    }

    /** The JSON document {@code data} holds (UTF-8), or {@code null} when it is not one (as httpbin's). */
    static JsonNode parseOrNull(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

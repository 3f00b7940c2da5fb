package dev.toolkit.core.framing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.error.ProtocolViolationException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.toolkit.core.framing.Wire.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFramingTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DOCS = "{\"q\":\"Beautiful is better than?\",\"n\":1} [1,2,\"]\"]\n\t"
            + "{\"nested\":{\"s\":\"}{\\\"\",\"a\":[]}}";

    static JsonNode node(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    static List<JsonNode> expectedDocs() throws Exception {
        return List.of(node("{\"q\":\"Beautiful is better than?\",\"n\":1}"), node("[1,2,\"]\"]"),
                node("{\"nested\":{\"s\":\"}{\\\"\",\"a\":[]}}"));
    }

    @Test
    void concatenatedDocumentsDecodeHoweverTheyAreSplit() throws Exception {
        byte[] wire = ascii(DOCS);
        Framer json = Framing.json(64);
        assertEquals(expectedDocs(), Wire.decode(json.newDecoder(), wire, wire.length));
        assertEquals(expectedDocs(), Wire.decode(json.newDecoder(), wire, 1));
        for (int at = 1; at < wire.length; at++) {
            assertEquals(expectedDocs(), Wire.decodeSplit(json.newDecoder(), wire, at));
        }
    }

    @Test
    void theLimitAppliesToEachDocumentNotToWhatArrivesTogether() throws Exception {
        // Three documents of 39, 9 and 30 bytes arrive in one 81-byte buffer; each is within 40.
        byte[] wire = ascii(DOCS);
        assertEquals(expectedDocs(), Wire.decode(Framing.json(40).newDecoder(), wire, wire.length));
    }

    @Test
    void aCompleteOversizedDocumentFailsAndEndsDecoding() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.json(10).newDecoder());
        try {
            FrameTooLongException tooLong = Wire.failInbound(ch, ascii("{\"a\":1} {\"long\":12345} {\"b\":2}"),
                    FrameTooLongException.class);
            assertEquals(14, tooLong.seen());
            assertEquals("b'{\"long\":12345}'", tooLong.excerpt());
            // The document before it was delivered; nothing after it is.
            assertEquals(List.of(node("{\"a\":1}")), Wire.drainInbound(ch));
            ch.writeInbound(Unpooled.wrappedBuffer(ascii("{\"c\":3}")));
            assertNull(ch.readInbound());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aGrowingDocumentFailsAsSoonAsItPassesTheLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.json(10).newDecoder());
        try {
            Wire.Failure failure = Wire.feedUntilFailure(ch, ascii("  {\"a\":\"0123456789\"}"));
            assertEquals(12, failure.index);
            FrameTooLongException e = assertInstanceOf(FrameTooLongException.class, failure.exception.getCause());
            assertEquals(11, e.seen());
            assertEquals(10, e.limit());
            assertEquals("JSON document frame exceeds the maximum frame size of 10 bytes (11 bytes seen so far); "
                    + "received b'{\"a\":\"01234'", e.getMessage());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void aSyntaxErrorFailsOnlyThatDocument() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.json(64).newDecoder());
        try {
            ProtocolViolationException bad = Wire.failInbound(ch, ascii("{\"ok\":1}{\"a\":}{\"b\":2}"),
                    ProtocolViolationException.class);
            assertTrue(bad.getMessage().startsWith("malformed JSON document: Unexpected character ('}'"),
                    bad.getMessage());
            assertTrue(bad.getMessage().contains("(line 1, column 6)"), bad.getMessage());
            assertEquals("b'{\"a\":}'", bad.excerpt());
            // The documents around it are delivered.
            assertEquals(List.of(node("{\"ok\":1}"), node("{\"b\":2}")), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void topLevelScalarsAreMalformedForConcatenatedDocuments() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.json(64).newDecoder());
        try {
            ProtocolViolationException bad = Wire.failInbound(ch, ascii("[0] 42 {}"), ProtocolViolationException.class);
            assertTrue(bad.getMessage().contains("must start with '{' or '['"), bad.getMessage());
            assertEquals("b'42 {}'", bad.excerpt());
            // The document before the scalar arrives parsed.
            assertEquals(List.of(JsonNodeFactory.instance.arrayNode().add(0)), Wire.drainInbound(ch));
            ch.writeInbound(Unpooled.wrappedBuffer(ascii("{}")));
            assertNull(ch.readInbound());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void encoderWritesDocumentsThatDecodeBack() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("question", "Beautiful is better than?");
        map.put("n", 2);
        JsonNode array = node("[true,null,\"\\n\"]");
        byte[] wire = Wire.encode(Framing.json(64), map, array);
        assertArrayEquals(ascii("{\"question\":\"Beautiful is better than?\",\"n\":2}[true,null,\"\\n\"]"), wire);
        assertEquals(List.of(MAPPER.valueToTree(map), array), Wire.decode(Framing.json(64).newDecoder(), wire, 1));
    }

    @Test
    void encoderRejectsScalarsAndOversizedDocumentsAndPassesBuffersThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.json(10).newEncoder());
        try {
            EncoderException scalar = assertThrows(EncoderException.class, () -> ch.writeOutbound("hello"));
            assertTrue(scalar.getCause().getMessage().contains("not a top-level scalar"));
            EncoderException big = assertThrows(EncoderException.class,
                    () -> ch.writeOutbound(Map.of("key", "a long value")));
            assertEquals("outbound JSON document frame of 22 bytes exceeds the maximum frame size of 10 bytes",
                    assertInstanceOf(IllegalArgumentException.class, big.getCause()).getMessage());
            ch.writeOutbound(Unpooled.wrappedBuffer(ascii("raw")));
            assertArrayEquals(ascii("raw"), Wire.drainOutbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void jsonLinesCarryAnyValueOnePerLine() throws Exception {
        Framer lines = Framing.jsonLines(64);
        byte[] wire = ascii("{\"a\":1}\r\n\n  \n42\n\"text\"\n[1]\nnull\n");
        List<JsonNode> expected = List.of(node("{\"a\":1}"), node("42"), node("\"text\""), node("[1]"),
                JsonNodeFactory.instance.nullNode());
        assertEquals(expected, Wire.decode(lines.newDecoder(), wire, wire.length));
        assertEquals(expected, Wire.decode(lines.newDecoder(), wire, 1));
        for (int at = 1; at < wire.length; at++) {
            assertEquals(expected, Wire.decodeSplit(lines.newDecoder(), wire, at));
        }
    }

    @Test
    void jsonLinesEncoderWritesOneUnindentedValuePerLine() throws Exception {
        ObjectMapper indenting = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] wire = Wire.encode(Framing.jsonLines(64, indenting), Map.of("a", List.of(1, 2)), "s", 7);
        assertArrayEquals(ascii("{\"a\":[1,2]}\n\"s\"\n7\n"), wire);
        assertEquals(List.of(node("{\"a\":[1,2]}"), node("\"s\""), node("7")),
                Wire.decode(Framing.jsonLines(64).newDecoder(), wire, 3));
    }

    @Test
    void jsonLinesFailOnAMalformedLineAndGoOn() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.jsonLines(64).newDecoder());
        try {
            ProtocolViolationException bad = Wire.failInbound(ch, ascii("{\"a\":1} {\"b\":2}\n"),
                    ProtocolViolationException.class);
            assertTrue(bad.getMessage().startsWith("malformed JSON line: "), bad.getMessage());
            assertFalse(bad instanceof FrameTooLongException);
            ch.writeInbound(Unpooled.wrappedBuffer(ascii("{\"c\":3}\n")));
            assertEquals(List.of(node("{\"c\":3}")), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void bytesInAnEncodingJacksonRefusesAreMalformedInput() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.jsonLines(64).newDecoder());
        try {
            // 00 00 FF FE: a UCS-4 byte-order mark in an order (3412) that Jackson does not read
            byte[] ucs4 = {0, 0, (byte) 0xFF, (byte) 0xFE, 0, 0, 0, '1', '\n'};
            ProtocolViolationException bad = Wire.failInbound(ch, ucs4, ProtocolViolationException.class);
            assertTrue(bad.getMessage().startsWith("malformed JSON line: "), bad.getMessage());
            ch.writeInbound(Unpooled.wrappedBuffer(ascii("[2]\n")));
            assertEquals(List.of(node("[2]")), Wire.drainInbound(ch));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void jsonLinesEnforceTheLimitPerLine() {
        EmbeddedChannel ch = new EmbeddedChannel(Framing.jsonLines(8).newDecoder());
        try {
            FrameTooLongException tooLong = Wire.failInbound(ch, ascii("[1,2,3,4,5]\n"), FrameTooLongException.class);
            assertEquals(11, tooLong.seen());
            assertTrue(tooLong.getMessage().startsWith("JSON line frame exceeds the maximum frame size of 8 bytes"));
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Framing.json(0));
        assertThrows(IllegalArgumentException.class, () -> Framing.jsonLines(-5));
        assertThrows(NullPointerException.class, () -> Framing.json(10, null));
        assertThrows(NullPointerException.class, () -> Framing.jsonLines(10, null));
    }
}

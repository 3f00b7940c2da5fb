package dev.toolkit.http.mock;

import dev.toolkit.testing.ApiGrammar;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mock's values: the API grammar, every check of {@code build()}, and what each setter stores. */
class MockResponseTest {

    @Test
    void configurationsFollowTheGrammar() {
        ApiGrammar.assertConfiguration(MockResponse.class);
        ApiGrammar.assertConfiguration(MockHttpServerConfig.class);
    }

    @Test
    void defaultsAreA200WithNothingAndKeepOpen() {
        MockResponse plain = MockResponse.builder().build();
        assertEquals(200, plain.status());
        assertEquals("OK", plain.reason());
        assertEquals(0, plain.body().length);
        assertFalse(plain.chunked());
        assertEquals(SocketPolicy.KEEP_OPEN, plain.socketPolicy());
        assertEquals(Duration.ZERO, plain.headersDelay());
        assertEquals(MockResponse.ExpectContinue.CONTINUE, plain.expectContinue());
        assertEquals(404, MockHttpServerConfig.builder().build().defaultResponse().status());
    }

    @Test
    void headersKeepOrderAndDuplicatesAndSetHeaderReplaces() {
        MockResponse response = MockResponse.builder().header("A", "1").header("B", "2").header("a", "3")
                .setHeader("B", "4").closeConnection().build();
        assertEquals(List.of("1", "3"), response.headers().getAll("A"));
        assertEquals(List.of("4"), response.headers().getAll("B"));
        assertEquals("close", response.headers().get("Connection"));
        assertTrue(response.closesConnection());
        assertFalse(response.toBuilder().removeHeader("connection").build().closesConnection());
    }

    @Test
    void gzipBodyCompressesAndSaysSo() throws IOException {
        MockResponse response = MockResponse.builder().gzipBody("hello hello hello").build();
        assertEquals("gzip", response.headers().get("Content-Encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertEquals("hello hello hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void toBuilderDerivesAVariantAndLeavesTheOriginal() {
        MockResponse original = MockResponse.builder().status(418, "Teapot").chunkedBody("abc", 2)
                .trailer("T", "v").throttle(1, Duration.ofMillis(5)).build();
        MockResponse variant = original.toBuilder().status(200).build();
        assertEquals(418, original.status());
        assertEquals("Teapot", original.reason());
        assertEquals(200, variant.status());
        assertEquals("OK", variant.reason());
        assertEquals(2, variant.chunkSize());
        assertEquals("v", variant.trailers().get("T"));
        assertEquals(1, variant.throttleBytes());
    }

    @Test
    void buildNamesEveryWrongSettingAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MockResponse.builder()
                .status(99).chunked(-1).trailer("T", "v").headersDelay(Duration.ofSeconds(-1))
                .throttle(0, Duration.ZERO).header("Bad Name", "x")
                .socketPolicy(SocketPolicy.CLOSE_MID_BODY).body("1").build());
        String message = e.getMessage();
        for (String part : List.of("status must be 100..999: 99", "chunked (chunk size) must not be negative",
                "trailers need a chunked body", "headersDelay must not be negative",
                "throttle bytes must be at least 1: 0", "throttle period must be positive",
                "header \"Bad Name: x\" is not valid", "CLOSE_MID_BODY needs a body of at least 2 bytes: 1")) {
            assertTrue(message.contains(part), part + " in " + message);
        }
        assertThrows(IllegalArgumentException.class, () -> MockResponse.builder().status(200, "a\r\nb").build());
    }

    @Test
    void serverConfigurationChecksEverySetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MockHttpServerConfig
                .builder().host(" ").port(70000).takeTimeout(Duration.ZERO).maxRequestLineLength(1)
                .maxHeaderSize(1).maxBodySize(-1).name("").build());
        for (String part : List.of("host must not be blank", "port must be 0..65535: 70000",
                "takeTimeout must be positive", "maxRequestLineLength must be at least 16",
                "maxHeaderSize must be at least 64", "maxBodySize must not be negative", "name must not be blank")) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
        MockHttpServerConfig config = MockHttpServerConfig.builder().maxBodySize(10).build();
        assertEquals(10, config.toBuilder().build().maxBodySize());
        assertEquals(MockHttpServerConfig.DEFAULT_HOST, config.host());
    }
}

package dev.toolkit.http.server;

import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.testing.ApiGrammar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HttpServerConfig's defaults, its whole-configuration check and its grammar. */
class HttpServerConfigTest {

    @Test
    void followsTheApiGrammar() {
        ApiGrammar.assertConfiguration(HttpServerConfig.class);
    }

    @Test
    void hasTheDocumentedDefaults() {
        HttpServerConfig config = HttpServerConfig.defaults();
        assertEquals("http-server", config.server().name());
        assertEquals("127.0.0.1", config.server().host());
        assertEquals(0, config.server().port());
        assertEquals(8192, config.maxRequestLineLength());
        assertEquals(16384, config.maxHeaderSize());
        assertEquals(100, config.maxHeaderCount());
        assertEquals(10L * 1024 * 1024, config.maxBodySize());
        assertEquals(Duration.ofSeconds(10), config.headerTimeout());
        assertEquals(Duration.ofSeconds(30), config.bodyTimeout());
        assertEquals(Duration.ofSeconds(60), config.keepAliveTimeout());
        assertEquals(1000, config.maxRequestsPerConnection());
        assertEquals(16, config.maxPipelinedRequests());
        assertEquals(32, config.workerThreads());
        assertEquals(256, config.workerQueue());
        assertTrue(config.compression());
        assertEquals(1024, config.compressionMinSize());
        assertEquals(List.of(), config.trustedProxies());
        assertTrue(config.accessLog());
    }

    @Test
    void buildNamesEveryWrongSettingAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpServerConfig.builder()
                .maxHeaderCount(0).maxBodySize(-1).headerTimeout(Duration.ZERO).workerThreads(0)
                .trustedProxies(List.of("10.0.0.0/33", "proxy.example")).build());
        String message = e.getMessage();
        assertTrue(message.startsWith("invalid HttpServerConfig: "), message);
        for (String part : List.of("maxHeaderCount", "maxBodySize", "headerTimeout", "workerThreads",
                "10.0.0.0/33", "proxy.example")) {
            assertTrue(message.contains(part), part + " in " + message);
        }
    }

    @Test
    void toBuilderDerivesAVariant() {
        HttpServerConfig base = HttpServerConfig.builder().server(ServerConfig.builder().name("api").build())
                .maxBodySize(5).trustedProxies(List.of("127.0.0.1", "::1/128")).build();
        HttpServerConfig variant = base.toBuilder().compression(false).build();
        assertEquals("api", variant.server().name());
        assertEquals(5, variant.maxBodySize());
        assertEquals(List.of("127.0.0.1", "::1/128"), variant.trustedProxies());
        assertTrue(base.compression());
        assertEquals(false, variant.compression());
    }
}

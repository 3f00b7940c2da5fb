package dev.toolkit.udp;

import dev.toolkit.core.error.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defaults and validation of the configuration builders. */
class ConfigTest {

    @Test
    void socketDefaultsReceiveEveryDatagramWhole() {
        UdpConfig config = UdpConfig.defaults();
        assertEquals(65535, config.maxDatagramSize());
        assertFalse(config.broadcast());
        assertFalse(config.pathMtuDiscovery());
        assertEquals(1, config.multicastTtl());
        assertTrue(config.multicastLoopback());
        assertThrows(IllegalArgumentException.class, () -> UdpConfig.builder().maxDatagramSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> UdpConfig.builder().maxDatagramSize(65536).build());
        assertThrows(IllegalArgumentException.class, () -> UdpConfig.builder().multicastTtl(256).build());
        assertThrows(IllegalArgumentException.class, () -> UdpConfig.builder().receiveBufferSize(-1).build());
        UdpConfig variant = config.toBuilder().broadcast(true).build();
        assertTrue(variant.broadcast());
        assertFalse(config.broadcast());
    }

    @Test
    void serverDefaultsToLoopbackAndAnEphemeralPort() {
        UdpServerConfig config = UdpServerConfig.builder().build();
        assertEquals("127.0.0.1", config.host());
        assertEquals(0, config.port());
        assertNull(config.sourceRateLimit());
        assertEquals("", UdpServerConfig.builder().host(null).build().host());
        assertThrows(IllegalArgumentException.class, () -> UdpServerConfig.builder().port(65536).build());
        assertEquals(1060, config.toBuilder().port(1060).build().port());
    }

    @Test
    void clientNeedsARemoteToConnect() {
        assertThrows(IllegalArgumentException.class, () -> UdpClientConfig.builder().connected(true).build());
        assertThrows(IllegalArgumentException.class, () -> UdpClientConfig.builder().remote("127.0.0.1", 0).build());
        UdpClientConfig config = UdpClientConfig.builder().remote("127.0.0.1", 1060).connected(true).build();
        assertEquals(1060, config.remoteAddress().getPort());
        assertFalse(config.acceptFromAnyAddress());
        assertEquals(config.remoteHost(), config.toBuilder().build().remoteHost());
    }

    @Test
    void requestDefaultsAreTheBooksSchedule() {
        RequestConfig config = RequestConfig.defaults();
        assertEquals(Backoff.book().delays(), config.backoff().delays());
        assertEquals(5, config.backoff().delays().size());
        assertEquals(Duration.ofMillis(1600), config.backoff().delays().get(4));
        assertTrue(config.requestIds());
        assertThrows(IllegalArgumentException.class, () -> RequestConfig.builder().maxOutstanding(0).build());
    }

    @Test
    void rateLimitValidates() {
        assertThrows(IllegalArgumentException.class, () -> RateLimit.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> RateLimit.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, 1, 0));
        assertEquals(RateLimit.DEFAULT_MAX_SOURCES, RateLimit.of(10, 5).maxSources());
    }
}

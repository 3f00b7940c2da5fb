package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProxyProtocol;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.transport.Transport;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server configuration survives the trip to a worker process. */
class ConfigArgumentsTest {

    @Test
    void carriesEverySettingButTheOnesAWorkerDecides() throws Exception {
        ServerConfig config = ServerConfig.builder()
                .host("::1").port(4321).architecture(Architecture.MULTI_PROCESS).transport(Transport.NIO)
                .threads(3).processes(7).backlog(17).reuseAddress(false).reusePort(false).tcpNoDelay(false)
                .keepAlive(true).allowHalfClosure(true).maxConnections(99).maxConnectionsPerIp(5)
                .idleTimeout(Duration.ofSeconds(42)).readTimeout(Duration.ofMillis(1500))
                .frameTimeout(Duration.ofSeconds(7)).writeTimeout(Duration.ofMillis(2500)).maxFramesPerTurn(9)
                .writeBufferWaterMark(1000, 2000).maxPendingWriteBytes(3000).wireLog(WireLog.HEX)
                .proxyProtocol(ProxyProtocol.REQUIRED)
                .name("name with spaces = and equals").build();
        ServerConfig back = ConfigArguments.decode(ConfigArguments.encode(config)).build();
        for (Method getter : getters()) {
            if (!ConfigArguments.DECIDED_BY_WORKER.contains(getter.getName())
                    && !ConfigArguments.DERIVED.contains(getter.getName())) {
                assertEquals(getter.invoke(config), getter.invoke(back), getter.getName());
            }
        }
    }

    @Test
    void carriesAbsentTimeOuts() {
        ServerConfig config = ServerConfig.builder().idleTimeout(null).readTimeout(null).frameTimeout(null)
                .writeTimeout(null).host(null).build();
        ServerConfig back = ConfigArguments.decode(ConfigArguments.encode(config)).build();
        assertNull(back.idleTimeout());
        assertNull(back.readTimeout());
        assertNull(back.frameTimeout());
        assertNull(back.writeTimeout());
        assertEquals("", back.host());
    }

    /** A setting added to ServerConfig must be carried too, or workers would silently run without it. */
    @Test
    void knowsEverySettingOfServerConfig() {
        Set<String> settings = new HashSet<>();
        for (Method getter : getters()) {
            settings.add(getter.getName());
        }
        settings.removeAll(ConfigArguments.DECIDED_BY_WORKER);
        settings.removeAll(ConfigArguments.DERIVED);
        assertEquals(settings, ConfigArguments.keys());
    }

    @Test
    void perAddressLimitIsAnEighthOfTheTotalUnlessSet() {
        assertEquals(128, ServerConfig.builder().build().maxConnectionsPerIp());
        assertEquals(10, ServerConfig.builder().maxConnections(80).build().maxConnectionsPerIp());
        assertEquals(1, ServerConfig.builder().maxConnections(3).build().maxConnectionsPerIp());
        assertEquals(0, ServerConfig.builder().maxConnectionsPerIp(0).build().maxConnectionsPerIp());
        assertEquals(5, ServerConfig.builder().maxConnectionsPerIp(5).maxConnections(4000).build()
                .maxConnectionsPerIp());
        // A derived variant follows a new total; a set one stays.
        ServerConfig derived = ServerConfig.builder().build();
        assertEquals(16, derived.toBuilder().maxConnections(128).build().maxConnectionsPerIp());
    }

    @Test
    void rejectsUnknownOrMalformedArguments() {
        assertThrows(IllegalArgumentException.class, () -> ConfigArguments.decode(List.of("colour=blue")));
        assertThrows(IllegalArgumentException.class, () -> ConfigArguments.decode(List.of("port")));
        // a value out of range is stored, and refused by build() with the rest of the configuration
        assertThrows(IllegalArgumentException.class, () -> ConfigArguments.decode(List.of("port=70000")).build());
    }

    private static List<Method> getters() {
        List<Method> getters = new java.util.ArrayList<>();
        for (Method m : ServerConfig.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 0 && m.getReturnType() != void.class
                    && !Set.of("toString", "hashCode", "toBuilder").contains(m.getName())) {
                getters.add(m);
            }
        }
        assertTrue(getters.size() > 10, "getters found: " + getters);
        return getters;
    }
}

package dev.toolkit.core.config;

import dev.toolkit.core.client.ClientConfig;
import dev.toolkit.core.dns.DnsClientConfig;
import dev.toolkit.core.pipeline.PipelineSettings;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.testing.ApiGrammar;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Core's configurations follow the API grammar: builders whose {@code build()} checks the whole at once. */
class ConfigurationGrammarTest {

    private static final int KIB = 1024;

    @Test
    void everyCoreConfigurationIsABuilderMadeValue() {
        ApiGrammar.assertConfiguration(ServerConfig.class);
        ApiGrammar.assertConfiguration(ClientConfig.class);
        ApiGrammar.assertConfiguration(PipelineSettings.class);
        ApiGrammar.assertConfiguration(DnsClientConfig.class);
    }

    @Test
    void serverConfigSettersWorkInEitherOrder() {
        ServerConfig boundFirst = ServerConfig.builder()
                .maxPendingWriteBytes(32 * KIB).writeBufferWaterMark(8 * KIB, 16 * KIB).build();
        ServerConfig marksFirst = ServerConfig.builder()
                .writeBufferWaterMark(8 * KIB, 16 * KIB).maxPendingWriteBytes(32 * KIB).build();
        for (ServerConfig c : new ServerConfig[] {boundFirst, marksFirst}) {
            assertEquals(32 * KIB, c.maxPendingWriteBytes());
            assertEquals(8 * KIB, c.writeBufferLowWaterMark());
            assertEquals(16 * KIB, c.writeBufferHighWaterMark());
        }
        assertEquals(boundFirst.toString(), marksFirst.toString());
    }

    @Test
    void clientConfigAndPipelineSettingsSettersWorkInEitherOrder() {
        ClientConfig client = ClientConfig.builder()
                .maxPendingWriteBytes(32 * KIB).writeBufferWaterMark(8 * KIB, 16 * KIB).build();
        assertEquals(16 * KIB, client.writeBufferHighWaterMark());
        PipelineSettings settings = PipelineSettings.builder()
                .maxPendingWriteBytes(32 * KIB).writeBufferWaterMark(8 * KIB, 16 * KIB).build();
        assertEquals(32 * KIB, settings.maxPendingWriteBytes());
    }

    @Test
    void aBadValueIsStoredAndReportedByBuildNamingEverySetting() {
        ServerConfig.Builder builder = ServerConfig.builder().port(70000).backlog(0).idleTimeout(Duration.ZERO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("port must be 0..65535: 70000"), e.getMessage());
        assertTrue(e.getMessage().contains("backlog must be at least 1: 0"), e.getMessage());
        assertTrue(e.getMessage().contains("idleTimeout must be positive or null: PT0S"), e.getMessage());
        // Putting the values right afterwards is enough: nothing was checked before build().
        assertEquals(1060, builder.port(1060).backlog(16).idleTimeout(Duration.ofSeconds(1)).build().port());
    }

    @Test
    void aBoundBelowTheHighWaterMarkNamesBothSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder()
                .writeBufferWaterMark(8 * KIB, 64 * KIB).maxPendingWriteBytes(32 * KIB).build());
        assertTrue(e.getMessage().contains("maxPendingWriteBytes (32768) must be at least writeBufferHighWaterMark"
                + " (65536)"), e.getMessage());
        IllegalArgumentException client = assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder()
                .writeBufferWaterMark(16 * KIB, 8 * KIB).connectTimeout(Duration.ofSeconds(-1)).build());
        assertTrue(client.getMessage().contains("writeBufferHighWaterMark must be at least writeBufferLowWaterMark"),
                client.getMessage());
        assertTrue(client.getMessage().contains("connectTimeout must be positive"), client.getMessage());
    }

    @Test
    void toBuilderDerivesAVariantAndLeavesTheOriginalAlone() {
        ServerConfig original = ServerConfig.builder().port(1060).maxConnections(10).name("zen").build();
        ServerConfig variant = original.toBuilder().port(1061).build();
        assertEquals(1060, original.port());
        assertEquals(1061, variant.port());
        assertEquals(10, variant.maxConnections());
        assertEquals("zen", variant.name());
        assertEquals(original.toString(), original.toBuilder().build().toString());
        PipelineSettings settings = PipelineSettings.builder().label("lab").limits(5, 1).build();
        assertEquals(5, settings.toBuilder().build().maxConnections());
        DnsClientConfig dns = DnsClientConfig.builder().server(new InetSocketAddress("127.0.0.1", 53)).ndots(3).build();
        assertEquals(3, dns.toBuilder().build().ndots());
    }

    @Test
    void dnsConfigurationChecksNamesOfServersAndDomainsInBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DnsClientConfig.builder()
                .server(InetSocketAddress.createUnresolved("dns.example", 53)).attempts(0).build());
        assertTrue(e.getMessage().contains("not a name"), e.getMessage());
        assertTrue(e.getMessage().contains("attempts must be at least 1: 0"), e.getMessage());
    }
}

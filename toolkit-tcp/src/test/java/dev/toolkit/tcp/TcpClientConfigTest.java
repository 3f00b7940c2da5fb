package dev.toolkit.tcp;

import dev.toolkit.core.observe.WireLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpClientConfigTest {

    @Test
    void theDefaultsBoundAStreamClient() {
        TcpClientConfig d = TcpClientConfig.defaults();
        assertEquals(Duration.ofSeconds(10), d.connectTimeout());
        assertNull(d.readTimeout());
        assertTrue(d.allowHalfClosure() && d.tcpNoDelay());
        assertEquals(4 * 1024 * 1024, d.maxPendingWriteBytes());
        assertEquals(32 * 1024, d.writeBufferLowWaterMark());
        assertEquals(64 * 1024, d.writeBufferHighWaterMark());
        assertEquals(WireLog.OFF, d.wireLog());
        assertTrue(d.tls().isEmpty());
    }

    @Test
    void theOrderOfTheSettersNeverMatters() {
        TcpClientConfig one = TcpClientConfig.builder().maxPendingWriteBytes(32 * 1024)
                .writeBufferWaterMark(8 * 1024, 16 * 1024).build();
        TcpClientConfig other = TcpClientConfig.builder().writeBufferWaterMark(8 * 1024, 16 * 1024)
                .maxPendingWriteBytes(32 * 1024).build();
        assertEquals(one.toString(), other.toString());
        assertEquals(16 * 1024, one.clientConfig().writeBufferHighWaterMark());
        assertEquals(32 * 1024, one.clientConfig().maxPendingWriteBytes());
    }

    @Test
    void buildNamesEveryWrongSettingWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcpClientConfig.builder()
                .maxPendingWriteBytes(0).readTimeout(Duration.ofSeconds(-1)).build());
        assertTrue(e.getMessage().contains("maxPendingWriteBytes") && e.getMessage().contains(": 0"), e.getMessage());
        assertTrue(e.getMessage().contains("readTimeout") && e.getMessage().contains("PT-1S"), e.getMessage());
        IllegalArgumentException marks = assertThrows(IllegalArgumentException.class, () -> TcpClientConfig.builder()
                .writeBufferWaterMark(8 * 1024, 128 * 1024).maxPendingWriteBytes(64 * 1024).build());
        assertTrue(marks.getMessage().contains("maxPendingWriteBytes") && marks.getMessage().contains("131072"),
                marks.getMessage());
    }

    @Test
    void aVariantIsDerivedThroughToBuilderAndLeavesTheOriginalAlone() {
        TcpClientConfig base = TcpClientConfig.builder().connectTimeout(Duration.ofSeconds(3)).build();
        TcpClientConfig.Builder builder = base.toBuilder();
        TcpClientConfig logged = builder.wireLog(WireLog.HEX).readTimeout(Duration.ofSeconds(1)).build();
        builder.connectTimeout(Duration.ofSeconds(9));
        assertEquals(Duration.ofSeconds(3), logged.connectTimeout(), "a built configuration never changes");
        assertEquals(WireLog.HEX, logged.wireLog());
        assertEquals(WireLog.OFF, base.wireLog());
        assertNull(base.readTimeout());
        try (TcpClient client = TcpClient.open(logged)) {
            assertEquals(logged, client.config());
        }
    }
}

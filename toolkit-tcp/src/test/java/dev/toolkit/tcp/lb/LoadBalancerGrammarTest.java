package dev.toolkit.tcp.lb;

import dev.toolkit.core.names.BindAddress;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.testing.ApiGrammar;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import static dev.toolkit.tcp.lb.Backends.askOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load balancer under the API grammar: its configuration, {@code bind}, the running-server shape. */
class LoadBalancerGrammarTest {

    @Test
    void theConfigurationIsABuilderMadeValueCheckedWholeInBuild() {
        ApiGrammar.assertConfiguration(LoadBalancerConfig.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadBalancerConfig.builder()
                .port(-1).healthyThreshold(0).build());
        assertTrue(e.getMessage().contains("port must be 0..65535: -1"), e.getMessage());
        assertTrue(e.getMessage().contains("at least one backend"), e.getMessage());
        assertTrue(e.getMessage().contains("healthyThreshold must be at least 1: 0"), e.getMessage());
        LoadBalancerConfig config = LoadBalancerConfig.builder().backend(new InetSocketAddress("127.0.0.1", 1061))
                .wireLog(WireLog.TEXT).build();
        assertEquals(WireLog.TEXT, config.toBuilder().build().wireLog());
    }

    @Test
    void boundToEmptyItRelaysIpv4AndIpv6ClientsAndStopsAsEveryServerDoes() throws Exception {
        try (RunningServer<ConnectionMetrics> backend = Backends.named("zen", 0)) {
            RunningServer<ConnectionMetrics> lb = LoadBalancer.bind(LoadBalancerConfig.builder().host("")
                    .backend(backend.localAddress()).build());
            try {
                int port = lb.localAddress().getPort();
                assertEquals("zen", askOnce(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port)));
                if (BindAddress.hasIpv6()) {
                    assertEquals("zen", askOnce(new InetSocketAddress(InetAddress.getByName("::1"), port)));
                }
                lb.closeGracefully(Duration.ofSeconds(5));
                lb.awaitClosed();
                assertTrue(lb.metrics().connectionsTotal() >= 1);
                assertFalse(((LoadBalancer) lb).backends().isEmpty());
            } finally {
                lb.close();
            }
        }
    }
}

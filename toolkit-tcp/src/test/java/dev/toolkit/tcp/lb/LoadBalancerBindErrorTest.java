package dev.toolkit.tcp.lb;

import dev.toolkit.core.error.AddressInUseException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A load balancer whose port is taken says so, with the address. */
class LoadBalancerBindErrorTest {

    @Test
    void aPortInUseIsNamedWithItsAddress() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            LoadBalancerConfig config = LoadBalancerConfig.builder().host("127.0.0.1").port(port)
                    .backend(new InetSocketAddress("127.0.0.1", 1)).build();
            AddressInUseException e = assertThrows(AddressInUseException.class, () -> LoadBalancer.bind(config));
            assertEquals("address already in use: 127.0.0.1:" + port, e.getMessage());
        }
    }
}

package dev.toolkit.udp;

import dev.toolkit.core.error.AddressInUseException;
import dev.toolkit.core.transport.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A UDP server whose port is taken says so, with the address, on every transport. */
class UdpBindErrorTest {

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void aPortInUseIsNamedWithItsAddress(Transport transport) throws Exception {
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = holder.getLocalPort();
            AddressInUseException e = assertThrows(AddressInUseException.class,
                    () -> UdpServer.bind(Loopback.server(transport).port(port).build(), (datagram, out) -> { }));
            assertEquals("address already in use: 127.0.0.1:" + port, e.getMessage());
        }
    }
}

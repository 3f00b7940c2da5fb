package dev.toolkit.udp;

import dev.toolkit.core.transport.Transport;
import dev.toolkit.testing.NetworkNamespaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Path-MTU discovery over a real link: two network namespaces joined by a veth pair of MTU 1400, the probe
 * ({@link MtuProbe}) sending from one to the other's address. Nothing touches this machine's own interfaces.
 */
class PathMtuNamespaceIT {

    private static NetworkNamespaces link;

    @BeforeAll
    static void createLink() {
        link = NetworkNamespaces.create(1400);
    }

    @AfterAll
    static void deleteLink() {
        if (link != null) {
            link.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.toolkit.udp.Loopback#transports")
    void bigSenderLearnsTheLinkMtu(Transport transport) {
        String java = ProcessHandle.current().info().command().orElse("java");
        NetworkNamespaces.Result r = link.execInFirst(List.of(java, "-cp", System.getProperty("java.class.path"),
                MtuProbe.class.getName(), link.secondAddress(), "1060", transport.name()), 120);
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        if (transport == Transport.NIO) {
            assertEquals(List.of("Alas, the datagram did not make it", "Actual MTU: unavailable on NIO"), lines);
        } else {
            assertEquals(List.of("Alas, the datagram did not make it", "Actual MTU: 1400", "Sent 1372 bytes",
                    "datagram of 1373 bytes to " + link.secondAddress() + ":1060 is larger than the path allows "
                            + "(Message too long, EMSGSIZE): path MTU 1400, at most 1372 payload bytes unfragmented"),
                    lines, r.stderr());
        }
    }
}

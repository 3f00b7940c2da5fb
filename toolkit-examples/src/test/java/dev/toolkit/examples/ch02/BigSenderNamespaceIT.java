package dev.toolkit.examples.ch02;

import dev.toolkit.core.transport.Transports;
import dev.toolkit.examples.Launcher;
import dev.toolkit.testing.NetworkNamespaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code toolkit ch02 big_sender} over a real link of MTU 1400: two network namespaces joined by a veth pair,
 * the launcher run in one of them against the other's address, as the book runs big_sender across a network.
 * Nothing touches this machine's own interfaces.
 */
class BigSenderNamespaceIT {

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

    private static NetworkNamespaces.Result bigSender(String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "ch02", "big_sender", link.secondAddress()));
        return link.execInFirst(command, 120);
    }

    @Test
    void bigSenderPrintsTheLinkMtu() {
        NetworkNamespaces.Result r = bigSender();
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("Alas, the datagram did not make it", "Actual MTU: 1400"), r.stdout().lines().toList());
    }

    @Test
    void bigSenderOnNioNamesItsLimitation() {
        NetworkNamespaces.Result r = bigSender("-D" + Transports.PROPERTY + "=nio");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("Alas, the datagram did not make it", "Actual MTU: unavailable on NIO"),
                r.stdout().lines().toList());
    }
}

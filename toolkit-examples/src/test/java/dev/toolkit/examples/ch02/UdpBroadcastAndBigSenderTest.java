package dev.toolkit.examples.ch02;

import dev.toolkit.core.transport.Transports;
import dev.toolkit.examples.tour.ListingRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.toolkit.examples.ch02.Chapter02Programs.TIMEOUT;
import static dev.toolkit.examples.ch02.Chapter02Programs.portOf;
import static dev.toolkit.examples.ch02.Chapter02Programs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UdpBroadcastAndBigSenderTest {

    @Test
    void broadcastToTheLoopbackNetworkReachesTheServer() throws Exception {
        try (ListingRun server = run("udp_broadcast", "server", "server", "127.255.255.255", "-p", "0")) {
            int port = portOf(server);
            try (ListingRun client = run("udp_broadcast", "client", "client", "127.255.255.255", "-p",
                    String.valueOf(port))) {
                assertEquals(0, client.awaitExit(TIMEOUT), String.valueOf(client.err()));
                assertEquals(List.of(), client.out());
                List<String> lines = server.awaitLines(2, TIMEOUT);
                assertEquals(List.of(), Chapter02Demos.checkUdpBroadcast(lines, List.of(), List.of(), 0));
            }
        }
    }

    @Test
    void bigSenderOnLoopbackReadsTheMtu() throws Exception {
        try (ListingRun sender = run("big_sender", "big_sender", "127.0.0.1")) {
            assertEquals(0, sender.awaitExit(TIMEOUT), String.valueOf(sender.err()));
            assertEquals(List.of("Alas, the datagram did not make it", "Actual MTU: 65535"), sender.out());
        }
    }

    @Test
    void bigSenderOnNioSaysTheMtuIsUnavailable() throws Exception {
        String before = System.getProperty(Transports.PROPERTY);
        System.setProperty(Transports.PROPERTY, "nio");
        try (ListingRun sender = run("big_sender", "big_sender", "127.0.0.1")) {
            assertEquals(0, sender.awaitExit(TIMEOUT), String.valueOf(sender.err()));
            assertEquals(List.of("Alas, the datagram did not make it", "Actual MTU: unavailable on NIO"),
                    sender.out());
        } finally {
            if (before == null) {
                System.clearProperty(Transports.PROPERTY);
            } else {
                System.setProperty(Transports.PROPERTY, before);
            }
        }
    }
}

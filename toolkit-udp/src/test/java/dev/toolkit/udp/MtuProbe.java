package dev.toolkit.udp;

import dev.toolkit.core.transport.Transport;

import java.util.Arrays;
import java.util.Locale;

/**
 * The book's {@code big_sender} on the toolkit's API, run by {@link PathMtuNamespaceIT} inside a network
 * namespace: forces path-MTU discovery, sends 999,999 bytes, and prints what happened and the path MTU; then
 * tries the largest and the smallest too-large payload for that MTU.
 *
 * <p>Arguments: {@code host port transport}.
 */
public final class MtuProbe {

    private MtuProbe() {
    }

    /** Runs the probe; prints its findings, one per line. */
    public static void main(String[] args) {
        Transport transport = Transport.valueOf(args[2].toUpperCase(Locale.ROOT));
        UdpClientConfig config = UdpClientConfig.builder().remote(args[0], Integer.parseInt(args[1])).connected(true)
                .socket(UdpConfig.builder().transport(transport).pathMtuDiscovery(true).build()).build();
        try (UdpClient client = UdpClient.open(config)) {
            try {
                client.send(new byte[999999]);
                System.out.println("The big datagram was sent!");
            } catch (DatagramTooLargeException e) {
                System.out.println("Alas, the datagram did not make it");
                System.out.println("Actual MTU: " + (client.pathMtu().isPresent() ? client.pathMtu().getAsInt()
                        : "unavailable on " + client.transport()));
            }
            if (client.pathMtu().isPresent()) {
                int largest = client.pathMtu().getAsInt() - 28;
                byte[] fits = new byte[largest];
                Arrays.fill(fits, (byte) '#');
                client.send(fits);
                System.out.println("Sent " + largest + " bytes");
                try {
                    client.send(new byte[largest + 1]);
                    System.out.println("Sent " + (largest + 1) + " bytes");
                } catch (DatagramTooLargeException e) {
                    System.out.println(e.getMessage());
                }
            }
        }
    }
}

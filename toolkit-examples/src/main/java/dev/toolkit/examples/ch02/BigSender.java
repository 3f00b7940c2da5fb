package dev.toolkit.examples.ch02;

import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import dev.toolkit.examples.support.ListingCommand;
import dev.toolkit.udp.DatagramTooLargeException;
import dev.toolkit.udp.UdpClient;
import dev.toolkit.udp.UdpClientConfig;
import dev.toolkit.udp.UdpConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Arrays;

/**
 * Chapter 2's {@code big_sender.py} (Linux): sets IP_MTU_DISCOVER to IP_PMTUDISC_DO on a socket connected to
 * the host, sends 999,999 bytes of {@code #}, and on EMSGSIZE prints {@code Alas, the datagram did not make
 * it} and the path MTU the kernel learnt ({@code Actual MTU: N}, read with IP_MTU).
 *
 * <p>Both options are reached through the epoll or io_uring transport (the default on Linux). Limitation:
 * Java's NIO cannot set or read them, so under NIO ({@code -Dtoolkit.transport=nio}, or where no native
 * transport loads) the datagram is still refused (999,999 bytes exceed any UDP datagram) but the script
 * prints {@code Actual MTU: unavailable on NIO}.
 */
@Command(name = "big_sender", description = "Send UDP packet to get MTU")
public final class BigSender extends ListingCommand {

    /** The size the book sends: larger than any datagram. */
    static final int SIZE = 999999;

    @Parameters(index = "0", paramLabel = "host", description = "the host to which to target the packet")
    private String host;

    @Option(names = "-p", paramLabel = "PORT", converter = ArgumentTypes.Port.class,
            defaultValue = "1060", description = "UDP port (default 1060)")
    private int port;

    @Override
    public Integer call() {
        boolean nativeTransport = Transports.resolve(Transport.AUTO) != Transport.NIO;
        UdpClientConfig config = UdpClientConfig.builder().remote(host, port).connected(true).name("big_sender")
                .socket(UdpConfig.builder().pathMtuDiscovery(nativeTransport).build()).build();
        try (UdpClient sock = UdpClient.open(config)) {
            byte[] data = new byte[SIZE];
            Arrays.fill(data, (byte) '#');
            try {
                sock.send(data);
                out().println("The big datagram was sent!");
            } catch (DatagramTooLargeException e) {
                out().println("Alas, the datagram did not make it");
                out().println("Actual MTU: " + (sock.pathMtu().isPresent() ? String.valueOf(sock.pathMtu().getAsInt())
                        : "unavailable on " + sock.transport()));
            }
        }
        return 0;
    }
}

package dev.toolkit.udp;

/**
 * What a datagram server does with each datagram: the simple alternative to installing Netty handlers
 * (see {@link UdpServer#bind(UdpServerConfig, dev.toolkit.core.pipeline.ProtocolDefinition)}).
 *
 * <pre>{@code
 * UdpServer server = UdpServer.bind(config, (datagram, out) ->
 *         out.reply(datagram, ("Your data was " + datagram.length() + " bytes long").getBytes(US_ASCII)));
 * }</pre>
 */
@FunctionalInterface
public interface DatagramHandler {

    /**
     * Handles one datagram. Runs on the server's event loop, so it must not block; an exception it throws is
     * reported (logged, counted, passed to the error listener) and the server goes on serving.
     *
     * @param datagram what arrived
     * @param out sends replies (or anything else) from the server's socket
     */
    void handle(Datagram datagram, DatagramSender out) throws Exception;
}

package dev.toolkit.core.pipeline;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The address of the client on the other end of a server connection. A channel's {@code remoteAddress()} is
 * the socket's peer, which is the load balancer when one sits in front of the server; when the server reads
 * the PROXY protocol ({@code ServerConfig.proxyProtocol()}), the client's own address, as the balancer
 * reported it, is kept in the channel attribute {@link #PROXIED} and returned by {@link #of(Channel)}.
 * Log lines, limits and protocols that show or count clients use {@link #of(Channel)} rather than
 * {@code remoteAddress()}.
 */
public final class ClientAddress {

    /** The client's address as a PROXY protocol header reported it; unset when there was none. */
    public static final AttributeKey<InetSocketAddress> PROXIED =
            AttributeKey.valueOf(ClientAddress.class, "proxied");

    private ClientAddress() {
    }

    /**
     * The client's address: the one a PROXY protocol header reported, else the socket's peer
     * ({@code channel.remoteAddress()}), which may be {@code null} for a channel that is not connected.
     */
    public static SocketAddress of(Channel channel) {
        InetSocketAddress proxied = proxied(channel);
        return proxied != null ? proxied : channel.remoteAddress();
    }

    /** The address a PROXY protocol header reported for this connection, or {@code null} if none did. */
    public static InetSocketAddress proxied(Channel channel) {
        return channel.hasAttr(PROXIED) ? channel.attr(PROXIED).get() : null;
    }
}

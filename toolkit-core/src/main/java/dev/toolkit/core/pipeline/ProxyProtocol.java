package dev.toolkit.core.pipeline;

import java.time.Duration;

/**
 * Whether a server reads the HAProxy PROXY protocol header (version 1, text, or version 2, binary) that a load
 * balancer such as HAProxy, nginx or a cloud balancer sends first on each connection, so that the server
 * learns the real client's address rather than the balancer's. Read that address with
 * {@link ClientAddress#of(io.netty.channel.Channel)}.
 *
 * <p>With the header enabled, a connection reaches the rest of the pipeline (limits, counters, time-outs, the
 * protocol) only once its header has been read: the per-address limit then counts the client's address, and
 * the protocol's {@code channelActive} already sees it. A connection whose header does not arrive within
 * {@link #HEADER_TIMEOUT} is closed.
 */
public enum ProxyProtocol {
    /** No header is expected: the socket's peer is the client (the default). */
    OFF,
    /**
     * A header is read when the connection starts with one; a connection that starts with anything else is
     * served as it is, with the socket's peer as the client. Only for servers that are reached both directly
     * and through a balancer, and only when direct clients are trusted: they could send a header themselves.
     */
    OPTIONAL,
    /** Every connection must start with a valid header; one that does not is logged as an error and closed. */
    REQUIRED;

    /** How long a connection may take to send its whole header before it is closed. */
    public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
}

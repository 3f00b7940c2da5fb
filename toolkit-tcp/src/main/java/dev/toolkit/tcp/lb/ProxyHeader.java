package dev.toolkit.tcp.lb;

/**
 * Whether a {@link LoadBalancer} starts each backend connection with an HAProxy PROXY protocol header naming
 * the client, as HAProxy's {@code send-proxy} and {@code send-proxy-v2} do, so that a backend reading it (a
 * toolkit server with {@code ServerConfig.proxyProtocol}) sees the client's address instead of the balancer's.
 */
public enum ProxyHeader {
    /** No header: backends see the balancer as their peer (the default). */
    NONE,
    /** A version 1 (text) header. */
    V1,
    /** A version 2 (binary) header. */
    V2
}

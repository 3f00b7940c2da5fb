package dev.toolkit.tcp.lb;

import java.net.InetSocketAddress;

/**
 * A backend as a {@link LoadBalancer} sees it at one moment.
 *
 * @param address where the backend listens
 * @param healthy whether it receives new connections (its health checks pass)
 * @param openConnections relayed connections open to it now
 * @param totalConnections relayed connections it has accepted so far
 * @param failedConnects connection attempts to it that failed (a client's connection was then sent to the
 *     next backend)
 */
public record BackendStatus(InetSocketAddress address, boolean healthy, int openConnections, long totalConnections,
                            long failedConnects) {
}

package dev.toolkit.tcp.lb;

/** How a {@link LoadBalancer} chooses the backend for a new connection among the healthy ones. */
public enum BalanceStrategy {
    /** Each backend in turn. */
    ROUND_ROBIN,
    /** The backend with the fewest open relayed connections; ties go round robin. */
    LEAST_CONNECTIONS
}

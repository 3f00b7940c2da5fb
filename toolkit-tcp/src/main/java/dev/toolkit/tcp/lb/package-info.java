/**
 * A TCP load balancer (chapter 7's "load balancing and proxies"): {@link dev.toolkit.tcp.lb.LoadBalancer}
 * listens, spreads connections over backends (round robin or least connections), health-checks them, and
 * relays bytes both ways with back-pressure and half-close.
 */
package dev.toolkit.tcp.lb;

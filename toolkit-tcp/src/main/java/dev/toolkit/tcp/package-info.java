/**
 * Stream clients and servers (chapters 3 and 7): connect with time-outs, half-close, back-pressure, the Zen
 * protocol under every server architecture, and a TCP load balancer.
 */
package dev.toolkit.tcp;

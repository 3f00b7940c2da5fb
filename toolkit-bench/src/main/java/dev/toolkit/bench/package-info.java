/**
 * Benchmarks of the toolkit against plain Netty doing the same work: UDP request/response round trips per
 * second with one or 32 requests in flight, and the server's CPU time per request. Run by hand (see
 * {@link dev.toolkit.bench.UdpBench}); results go to files and are never asserted.
 */
package dev.toolkit.bench;

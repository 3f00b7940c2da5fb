/**
 * The HTTP benchmark's servers, each run in its own JVM by the load harness: the bare Netty baseline
 * ({@link dev.toolkit.bench.http.NettyHttpBaselineServer}) and the toolkit's hello world.
 */
package dev.toolkit.bench.http;

/**
 * One way to start, address, drain and stop a server under a chosen
 * {@link dev.toolkit.core.server.Architecture}: the same {@link dev.toolkit.core.pipeline.ProtocolDefinition}
 * runs one client at a time, on a thread pool, on a selector loop, on Netty's event loop, or in several
 * processes sharing a port.
 */
package dev.toolkit.core.server;

/**
 * The connection pipeline: the handlers the toolkit puts around a protocol on every client and server
 * connection (PROXY header, limits, exchange tracking, metrics, wire log, bounds, time-outs, errors), the
 * {@link dev.toolkit.core.pipeline.ProtocolDefinition} a protocol implements, and the client address and
 * exchange events a protocol sees.
 */
package dev.toolkit.core.pipeline;

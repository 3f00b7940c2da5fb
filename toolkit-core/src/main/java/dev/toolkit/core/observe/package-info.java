/**
 * Observability: counters readable through the API ({@link dev.toolkit.core.observe.ConnectionMetrics}) and
 * the wire log switch ({@link dev.toolkit.core.observe.WireLog}), which the connection pipeline's handlers
 * feed and read.
 */
package dev.toolkit.core.observe;

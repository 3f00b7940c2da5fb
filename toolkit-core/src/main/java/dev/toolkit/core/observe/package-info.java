/**
 * Observability: counters readable through the API ({@link dev.toolkit.core.observe.ConnectionMetrics}), the
 * wire log switch, and the handlers every server and client connection shares to feed them: counting
 * ({@link dev.toolkit.core.pipeline.MetricsHandler}), wire logging ({@link dev.toolkit.core.pipeline.WireLogHandler})
 * and error reporting ({@link dev.toolkit.core.pipeline.ConnectionErrorHandler}).
 */
package dev.toolkit.core.observe;

package dev.toolkit.core.observe;

import dev.toolkit.core.error.ErrorKind;

import java.util.Map;

/**
 * The counters every kind of server keeps, whatever it serves: bytes each way and errors by
 * {@link ErrorKind}. {@link ConnectionMetrics} (TCP servers, the load balancer) and the datagram server's
 * counters add what is particular to them. Read-only; thread-safe.
 */
public interface ServerMetrics {

    /** Payload bytes received since start. */
    long bytesIn();

    /** Payload bytes sent since start. */
    long bytesOut();

    /** Errors of {@code kind} since start. */
    long errors(ErrorKind kind);

    /** Errors by kind since start (only kinds that occurred). */
    Map<ErrorKind, Long> errorsByKind();
}

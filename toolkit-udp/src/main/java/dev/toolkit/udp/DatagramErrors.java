package dev.toolkit.udp;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.ToolkitException;
import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * Reports a datagram that could not be served: maps the failure to the toolkit's family, counts it by kind,
 * logs it at DEBUG (a flood of bad datagrams must not flood the log) and tells the listener, if any.
 */
final class DatagramErrors {

    private static final Logger LOG = Logging.logger(DatagramErrors.class);

    private final String name;
    private final DatagramMetrics metrics;
    private final BiConsumer<InetSocketAddress, ToolkitException> listener;

    DatagramErrors(String name, DatagramMetrics metrics, BiConsumer<InetSocketAddress, ToolkitException> listener) {
        this.name = name;
        this.metrics = metrics;
        this.listener = listener;
    }

    /** Reports {@code failure} caused by a datagram from {@code source} (or {@code null} if unknown). */
    ToolkitException report(InetSocketAddress source, Throwable failure) {
        ToolkitException mapped = Exceptions.map(failure, source);
        metrics.error(mapped.kind());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: datagram{} not served: {}", name, source == null ? "" : " from " + source,
                    mapped.getMessage(), mapped);
        }
        if (listener != null) {
            try {
                listener.accept(source, mapped);
            } catch (RuntimeException e) {
                LOG.warn("{}: error listener failed", name, e);
            }
        }
        return mapped;
    }
}

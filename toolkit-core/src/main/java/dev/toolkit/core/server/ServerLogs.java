package dev.toolkit.core.server;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.error.Durations;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.observe.LogSummary;
import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The log lines of a server's life, the same for every architecture. */
final class ServerLogs {

    private static final Logger LOG = Logging.logger(Servers.class);
    private static final Map<String, LogSummary> ACCEPT_FAILURES = new ConcurrentHashMap<>();

    private ServerLogs() {
    }

    static void started(ServerConfig config, Architecture architecture, InetSocketAddress address, String transport) {
        LOG.info("{} listening at {} ({}, {})", config.name(), address, architecture, transport);
    }

    static void draining(ServerConfig config, int open) {
        LOG.info("{} stopped accepting; draining {} open connection(s)", config.name(), open);
    }

    static void forcing(ServerConfig config, Duration grace, int open) {
        if (grace.isZero()) {
            LOG.info("{}: closing {} connection(s) still open", config.name(), open);
        } else {
            LOG.warn("{}: grace period of {} over, closing {} connection(s) still open", config.name(),
                    Durations.format(grace), open);
        }
    }

    static void stopped(ServerConfig config, ConnectionMetrics metrics) {
        LOG.info("{} stopped after {} connection(s)", config.name(), metrics.connectionsTotal());
    }

    static void idleExit(ServerConfig config, Duration timeout) {
        LOG.info("{}: no connection for {}, stopping", config.name(), Durations.format(timeout));
    }

    /**
     * An accept that failed, typically for want of file descriptors, which repeats as fast as clients come:
     * summarised per server name, one line per second at most.
     */
    static void acceptFailed(ServerConfig config, Exception e) {
        ACCEPT_FAILURES.computeIfAbsent(config.name(), name -> new LogSummary(LOG, name + ": failed accepts"))
                .warn(null, config.name() + ": accepting a connection failed: " + e);
    }

    static void setupFailed(ServerConfig config, Object peer, Throwable e) {
        LOG.warn("{}: could not set up the connection from {}: {}", config.name(), peer, e.toString(), e);
    }
}

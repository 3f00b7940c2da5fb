package dev.toolkit.http.server;

import java.util.concurrent.ExecutorService;

/** What every connection of one server shares: settings, the application, the worker pool, the date. */
final class ServerContext {

    final HttpServerConfig config;
    final HttpApplication application;
    final ExecutorService workers;
    final DateHeader date = new DateHeader();
    final TrustedProxies trustedProxies;
    final FormParser.Factory forms;
    final boolean accessLog;

    ServerContext(HttpServerConfig config, HttpApplication application, ExecutorService workers) {
        this.config = config;
        this.application = application;
        this.workers = workers;
        this.trustedProxies = TrustedProxies.parse(config.trustedProxies());
        this.forms = new FormParser.Factory(config.maxBodySize(), null);
        this.accessLog = config.accessLog();
    }
}

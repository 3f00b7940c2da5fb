package dev.toolkit.examples.ch09;

import dev.toolkit.core.observe.WireLog;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.examples.support.HttpServerListing;
import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;

/**
 * Chapter 9's server: the httpbin endpoints the chapter's Requests, {@code urllib} and {@code http.client}
 * sessions use, answering as httpbin 0.7 under Gunicorn answers ({@link HttpbinApplication}), so those
 * sessions give the same statuses, URLs, redirect histories and JSON keys against either.
 *
 * <p>It prints {@code Listening at: http://HOST:PORT} once listening, as Gunicorn does. {@code --noisy} turns on
 * the server's text wire log (logger {@code dev.toolkit.wire}, at DEBUG, on stderr): every request and response
 * as the bytes that cross the connection, as the chapter's Gunicorn configuration shows them. Deliberate
 * differences from httpbin: a {@code /status/} code below 200 (no client takes an informational answer as
 * final) or above 999 is {@code 400 Invalid status code}, and responses httpbin sends without a
 * {@code Content-Type} but with a body (402, 418) are {@code text/plain}.
 */
@Command(name = "httpbin", description = "The httpbin endpoints of chapter 9 (HTTP request and response service)")
public final class Httpbin extends HttpServerListing {

    /** The slf4j-simple setting that shows the wire log's DEBUG lines. */
    static final String WIRE_LOG_LEVEL = "org.slf4j.simpleLogger.log." + WireLog.LOGGER_NAME;

    @Option(names = "--noisy", description = "print each request and response as its bytes cross the wire")
    private boolean noisy;

    @Override
    protected void configure(ServerConfig.Builder server, HttpServerConfig.Builder http) {
        // httpbin compresses only /gzip and /deflate, itself; the server adds no other compression
        http.compression(false);
        if (noisy) {
            // read by slf4j-simple when the wire log's logger is first made, which binding the server does
            System.setProperty(WIRE_LOG_LEVEL, "debug");
            server.wireLog(WireLog.TEXT);
        }
    }

    @Override
    protected HttpApplication application() {
        return new HttpbinApplication();
    }

    @Override
    protected void started(InetSocketAddress address) {
        String host = hostOf(address);
        out().println("Listening at: http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + address.getPort());
    }
}

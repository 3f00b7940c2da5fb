package dev.toolkit.examples.support;

import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpServer;
import dev.toolkit.http.server.HttpServerConfig;
import io.netty.util.NetUtil;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;

/**
 * What the book's HTTP servers share: the command line {@code [host=127.0.0.1] [-p PORT=8000]}, an HTTP server
 * on toolkit-http bound there (SO_REUSEADDR, as Python's {@code wsgiref} and Gunicorn set it), the line
 * {@code Serving on HOST port PORT} that the chapter 10 listings print once listening, and serving until
 * interrupted (Ctrl-C; within the JVM, an interrupt of the listing's thread ends it with status 0).
 */
public abstract class HttpServerListing extends ListingCommand {

    /** The port the book's HTTP servers listen on by default. */
    public static final String DEFAULT_PORT = "8000";

    @Parameters(arity = "0..1", defaultValue = "127.0.0.1", paramLabel = "host",
            description = "IP address or hostname to listen on (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "-p", paramLabel = "PORT", converter = ArgumentTypes.Port.class, defaultValue = DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    private int port;

    @Override
    public final Integer call() {
        ServerConfig.Builder server = ServerConfig.builder().host(host).port(port).reuseAddress(true)
                .name(getClass().getSimpleName());
        // the listings print their own access lines (or none); the server's SLF4J access log stays off
        HttpServerConfig.Builder http = HttpServerConfig.builder().accessLog(false);
        configure(server, http);
        HttpServerConfig config = http.server(server.build()).build();
        try (RunningServer<ConnectionMetrics> running = HttpServer.bind(config, application())) {
            started(running.localAddress());
            running.awaitClosed();
        } catch (InterruptedOperationException e) {
            // stopped from within this JVM (the tour, a test), as Ctrl-C stops the launcher: a clean end
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Adjusts the server's settings before it is bound (the default keeps them). */
    protected void configure(ServerConfig.Builder server, HttpServerConfig.Builder http) {
    }

    /** The application the server runs. */
    protected abstract HttpApplication application();

    /** Prints what the listing prints once listening; by default the chapter 10 listings' line. */
    protected void started(InetSocketAddress address) {
        out().println("Serving on " + hostOf(address) + " port " + address.getPort());
    }

    /** The host of a bound address as Python's {@code getsockname()} gives it ({@code 127.0.0.1}, {@code ::1}). */
    protected static String hostOf(InetSocketAddress address) {
        return address.getAddress() == null ? address.getHostString() : NetUtil.toAddressString(address.getAddress());
    }
}

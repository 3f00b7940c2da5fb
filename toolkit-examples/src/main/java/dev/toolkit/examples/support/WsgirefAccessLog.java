package dev.toolkit.examples.support;

import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpRequest;
import dev.toolkit.http.server.HttpResponse;
import io.netty.util.NetUtil;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An application that prints one line per request on a writer, as Python's {@code wsgiref} server prints it on
 * stderr: {@code 127.0.0.1 - - [06/Dec/2026 21:00:00] "GET / HTTP/1.1" 200 23} (client address, local time,
 * request line, status, body size), once the response is known.
 */
public final class WsgirefAccessLog implements HttpApplication {

    /** {@code BaseHTTPRequestHandler.log_date_time_string()}: {@code 06/Dec/2026 21:00:00}, local time. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss", Locale.ENGLISH);

    private final HttpApplication application;
    private final PrintWriter log;
    private final Clock clock;

    private WsgirefAccessLog(HttpApplication application, PrintWriter log, Clock clock) {
        this.application = Objects.requireNonNull(application, "application");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code application}, logging each request on {@code log}.
     *
     * @param clock the clock whose zone and time the lines show
     */
    public static HttpApplication wrap(HttpApplication application, PrintWriter log, Clock clock) {
        return new WsgirefAccessLog(application, log, clock);
    }

    @Override
    public CompletableFuture<HttpResponse> handleAsync(HttpRequest request) {
        return application.handleAsync(request).whenComplete((response, failure) -> {
            // an application that failed is answered 500 by the server, with a body the log does not know
            log.println(line(request, failure == null ? response.status().code() : 500,
                    failure == null ? response.body().contentLength() : -1, ZonedDateTime.now(clock)));
        });
    }

    /** The line for {@code request} answered with {@code status} and a body of {@code size} bytes (-1: unknown). */
    static String line(HttpRequest request, int status, long size, ZonedDateTime when) {
        String client = request.remoteAddress().getAddress() == null ? request.remoteAddress().getHostString()
                : NetUtil.toAddressString(request.remoteAddress().getAddress());
        return client + " - - [" + TIME.format(when) + "] \"" + request.method() + " " + request.uri() + " "
                + request.protocolVersion().text() + "\" " + status + " " + (size < 0 ? "-" : String.valueOf(size));
    }
}

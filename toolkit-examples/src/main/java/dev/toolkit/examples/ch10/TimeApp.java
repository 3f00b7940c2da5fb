package dev.toolkit.examples.ch10;

import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpRequest;
import dev.toolkit.http.server.HttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Chapter 10's {@code timeapp_raw.py}: the time, for {@code GET /} on host {@code 127.0.0.1}, and the negative
 * work of refusing everything else: another method is {@code 501 Not Implemented}, another host (its port
 * ignored) or path (its query ignored) {@code 404 Not Found}. Every answer is {@code text/plain; charset=utf-8}.
 *
 * <p>It does no blocking work, so it runs as a non-blocking application, on the connection's event loop.
 */
@Command(name = "timeapp", description = "A simple HTTP service that tells the time (a non-blocking application)")
public final class TimeApp extends WsgirefServerListing {

    /** Python's {@code time.ctime()}: {@code Sun Dec  6 21:00:00 2026}, the day of the month padded with a space. */
    static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    @Override
    HttpApplication app() {
        return timeApp(Clock.systemDefaultZone());
    }

    /** The application, telling the time of {@code clock} (its zone is the local time zone). */
    static HttpApplication timeApp(Clock clock) {
        return HttpApplication.nonBlocking(request -> {
            Answer answer = answer(request, clock);
            return HttpResponse.text(answer.status(), answer.text());
        });
    }

    /** A status and its text. */
    record Answer(int status, String text) {
    }

    /** What timeapp answers {@code request} at the time of {@code clock}. */
    static Answer answer(HttpRequest request, Clock clock) {
        String host = request.headers().get(HttpHeaderNames.HOST, "127.0.0.1");
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return new Answer(501, "501 Not Implemented");
        } else if (!host.equals("127.0.0.1") || !request.path().equals("/")) {
            return new Answer(404, "404 Not Found");
        }
        return new Answer(200, CTIME.format(ZonedDateTime.now(clock)));
    }
}

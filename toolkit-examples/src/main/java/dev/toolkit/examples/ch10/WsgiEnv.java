package dev.toolkit.examples.ch10;

import dev.toolkit.examples.support.PythonPrettyPrinter;
import dev.toolkit.http.server.HttpApplication;
import dev.toolkit.http.server.HttpResponse;
import picocli.CommandLine.Command;

/**
 * Chapter 10's {@code wsgi_env.py}: answers every request with {@code Here is the WSGI environment:} and the
 * request's environment, pretty-printed as Python's {@code pprint.pformat()} prints the {@code environ} dict
 * (sorted keys, one per line, long values split over lines), in {@code text/plain; charset=utf-8}.
 *
 * <p>The environment holds what {@code wsgiref} puts in it ({@link WsgiEnvironment}) except the server
 * process's own environment variables, which {@code wsgiref} copies into every request's {@code environ} and
 * so would show to any client.
 */
@Command(name = "wsgi_env", description = "A simple HTTP service that shows each request's WSGI environment")
public final class WsgiEnv extends WsgirefServerListing {

    /** What the body starts with. */
    static final String PREAMBLE = "Here is the WSGI environment:\r\n\r\n";

    @Override
    HttpApplication app() {
        return environmentApp();
    }

    /** The application. */
    static HttpApplication environmentApp() {
        return HttpApplication.nonBlocking(request -> HttpResponse.text(200,
                PREAMBLE + PythonPrettyPrinter.pformat(WsgiEnvironment.of(request))));
    }
}

package dev.toolkit.examples.ch10;

import dev.toolkit.examples.support.HttpServerListing;
import dev.toolkit.examples.support.WsgirefAccessLog;
import dev.toolkit.http.server.HttpApplication;
import picocli.CommandLine.Option;

import java.time.Clock;

/**
 * Chapter 10's listings as their {@code __main__} runs them under Python's {@code wsgiref.simple_server}:
 * {@code [host=127.0.0.1] [-p PORT=8000] [--quiet]}, {@code Serving on HOST port PORT} once listening, and one
 * access line per request on stderr, as {@code wsgiref} prints it, unless {@code --quiet}.
 */
abstract class WsgirefServerListing extends HttpServerListing {

    @Option(names = "--quiet", description = "print no access line per request")
    private boolean quiet;

    @Override
    protected final HttpApplication application() {
        HttpApplication application = app();
        return quiet ? application : WsgirefAccessLog.wrap(application, err(), Clock.systemDefaultZone());
    }

    /** The listing's WSGI-like application. */
    abstract HttpApplication app();
}

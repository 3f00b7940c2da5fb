package dev.toolkit.examples.ch07;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.tour.ListeningLine;
import dev.toolkit.examples.tour.ListingRun;
import dev.toolkit.examples.tour.ServingDemo;

import java.time.Duration;
import java.util.List;

/**
 * A chapter 7 Zen server listing started in this JVM on 127.0.0.1, and its port: read from its
 * {@code Listening at} line, or chosen beforehand for srv_legacy1, which (as the original) prints none.
 */
record ZenServerRun(ListingRun server, int port) implements AutoCloseable {

    static ZenServerRun start(String listing, Duration timeout) throws InterruptedException {
        List<String> extra = listing.equals("server_multi") ? List.of("thread") : List.of();
        int chosen = ListeningLine.freePort();
        List<String> args = Chapter07Demos.serverArgs(listing, extra).stream()
                .map(a -> a.replace(ServingDemo.PORT, String.valueOf(chosen))).toList();
        ListingRun server = ListingRun.start(Catalog.find("ch07", listing).orElseThrow(), "server", null, args);
        if (args.contains(String.valueOf(chosen))) {
            ListeningLine.awaitListening(chosen, timeout);
            return new ZenServerRun(server, chosen);
        }
        return new ZenServerRun(server, ListeningLine.port(server.awaitLine(l -> l.startsWith("Listening at"),
                timeout)).orElseThrow());
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}

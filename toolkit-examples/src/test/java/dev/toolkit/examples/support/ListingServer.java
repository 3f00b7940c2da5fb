package dev.toolkit.examples.support;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.tour.ListingRun;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server listing running in this JVM (as the launcher would run it) and the port it announced. */
public final class ListingServer implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ListingRun run;
    private final int port;

    private ListingServer(ListingRun run, int port) {
        this.run = run;
        this.port = port;
    }

    /**
     * Starts {@code chapter listing args...} and waits for the line {@code listening} matches, whose group 1 is
     * the port.
     */
    public static ListingServer start(String chapter, String listing, Pattern listening, String... args)
            throws InterruptedException {
        ListingRun run = ListingRun.start(Catalog.find(chapter, listing).orElseThrow(), listing, null, List.of(args));
        try {
            Matcher m = listening.matcher(run.awaitLine(l -> listening.matcher(l).matches(), TIMEOUT));
            if (!m.matches()) {
                throw new AssertionError("not a listening line");
            }
            return new ListingServer(run, Integer.parseInt(m.group(1)));
        } catch (RuntimeException | InterruptedException | AssertionError e) {
            run.close();
            throw e;
        }
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The running listing (its printed lines). */
    public ListingRun run() {
        return run;
    }

    /** Stops it, as Ctrl-C would. */
    @Override
    public void close() throws InterruptedException {
        run.close();
    }
}

package dev.toolkit.examples.tour;

import dev.toolkit.examples.Listing;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo of an HTTP server listing: starts it on 127.0.0.1 with an ephemeral port, learns the port from the
 * line the listing prints once listening, holds a conversation with it through an {@link HttpDemoClient}
 * (which prints each exchange), stops the server as Ctrl-C would, and checks what both sides showed.
 */
public final class HttpServingDemo extends ListingDemo {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The demo's requests and checks. */
    @FunctionalInterface
    public interface Conversation {
        /**
         * Talks to the server and checks its answers.
         *
         * @param client a client of the server at its base URL ({@code http://127.0.0.1:PORT})
         * @param server the running server, whose printed lines may be checked
         * @return what is wrong; empty when all is as expected
         */
        List<String> run(HttpDemoClient client, ListingRun server) throws Exception;
    }

    private final List<String> serverArgs;
    private final Pattern listening;
    private final Conversation conversation;

    private HttpServingDemo(String chapter, String listing, String checks, List<String> serverArgs,
                            Pattern listening, Conversation conversation) {
        super(chapter, listing, checks);
        this.serverArgs = List.copyOf(serverArgs);
        this.listening = listening;
        this.conversation = conversation;
    }

    /**
     * A demo of the HTTP server {@code chapter listing}.
     *
     * @param serverArgs its arguments, which must make it listen on 127.0.0.1, port 0
     * @param listening matches the line it prints once listening; its group 1 is the port
     */
    public static HttpServingDemo of(String chapter, String listing, String checks, List<String> serverArgs,
                                     Pattern listening, Conversation conversation) {
        return new HttpServingDemo(chapter, listing, checks, serverArgs, listening, conversation);
    }

    @Override
    public List<String> run(PrintWriter console) throws Exception {
        Listing program = program();
        console.println("$ toolkit " + chapter() + " " + listing() + " " + String.join(" ", serverArgs));
        try (ListingRun server = ListingRun.start(program, "server", console, serverArgs)) {
            String line = server.awaitLine(l -> listening.matcher(l).matches(), TIMEOUT);
            Matcher port = listening.matcher(line);
            if (!port.matches()) {
                throw new IllegalStateException("not a listening line: " + line);
            }
            URI base = URI.create("http://127.0.0.1:" + port.group(1));
            List<String> problems = new ArrayList<>(conversation.run(new HttpDemoClient(base, console), server));
            console.println("(the server is stopped, as with Ctrl-C)");
            return problems;
        }
    }
}

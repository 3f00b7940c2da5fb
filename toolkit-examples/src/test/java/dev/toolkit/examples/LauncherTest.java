package dev.toolkit.examples;

import dev.toolkit.examples.support.ListingCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {

    /** The registered chapters as the launcher names them in its messages. */
    private static final String CHAPTERS = String.join(", ", Catalog.chapters().keySet());


    /** A listing of a made-up chapter whose name has an underscore, echoing its arguments. */
    @Command(name = "two_words", description = "Echo the arguments")
    public static final class TwoWords extends ListingCommand {
        @Parameters(arity = "0..1", defaultValue = "127.0.0.1", paramLabel = "hostname")
        private String hostname;

        @Option(names = "-p", paramLabel = "port", defaultValue = "1060")
        private int port;

        @Override
        public Integer call() {
            out().println("host=" + hostname + " port=" + port);
            return 0;
        }
    }

    /** What one run of the launcher printed, and its exit status. */
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        return run(Catalog.chapters(), Catalog.listings(), args);
    }

    private static Run run(Map<String, String> chapters, List<Listing> listings, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Launcher.commandLine(chapters, listings, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static Run runTwoWords(String... args) {
        return run(Map.of("ch99", "Test chapter"), List.of(Listing.of("ch99", TwoWords.class)), args);
    }

    @Test
    void listPrintsEveryListingWithChapterAndDescription() {
        Run r = run("list");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("chapter\\s+listing\\s+description"), lines.get(0));
        for (Listing listing : Catalog.listings()) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(listing.chapter() + "\\s+" + listing.name() + "\\s+"
                    + java.util.regex.Pattern.quote(listing.description()))), "no line for " + listing);
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("ch05\\s+blocks\\s+.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("ch05\\s+streamer\\s+.*")), r.out());
    }

    @Test
    void catalogFindsListingsByEitherSpelling() {
        assertEquals("blocks", Catalog.find("ch05", "blocks").orElseThrow().name());
        assertTrue(Catalog.find("ch05", "nope").isEmpty());
        assertTrue(Catalog.find("ch02", "blocks").isEmpty());
        assertTrue(Catalog.chapters().containsKey("ch05"), Catalog.chapters().toString());
        assertFalse(Catalog.demos().isEmpty());
    }

    @Test
    void dispatchesToTheListingWithItsArguments() {
        Run r = runTwoWords("ch99", "two_words", "10.0.0.1", "-p", "0");
        assertEquals(0, r.status(), r.err());
        assertEquals("host=10.0.0.1 port=0\n", r.out());
    }

    @Test
    void acceptsDashesInPlaceOfUnderscores() {
        Run r = runTwoWords("ch99", "two-words", "-p7");
        assertEquals(0, r.status(), r.err());
        assertEquals("host=127.0.0.1 port=7\n", r.out());
    }

    @Test
    void helpOnTheLauncherNamesCommandsAndChapters() {
        Run r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: toolkit "), r.out());
        assertTrue(r.out().contains("list"), r.out());
        assertTrue(r.out().contains("tour"), r.out());
        assertTrue(r.out().contains("ch05  Network data and errors"), r.out());
    }

    @Test
    void helpOnAChapterListsItsListings() {
        Run r = run("ch05", "-h");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: toolkit ch05 "), r.out());
        assertTrue(r.out().contains("blocks"), r.out());
        assertTrue(r.out().contains("streamer"), r.out());
    }

    @Test
    void helpOnEveryListingPrintsItsUsage() {
        for (Listing listing : Catalog.listings()) {
            for (String option : List.of("--help", "-h")) {
                Run r = run(listing.chapter(), listing.name(), option);
                assertEquals(0, r.status(), listing + " " + option + ": " + r.err());
                assertTrue(r.out().startsWith("usage: toolkit " + listing.chapter() + " " + listing.name() + " "),
                        r.out());
                assertTrue(r.out().contains(listing.description()), r.out());
                assertEquals("", r.err());
            }
        }
        Run chapter5 = run("ch05", "blocks", "--help");
        assertTrue(chapter5.out().contains("usage: toolkit ch05 blocks [-ch] [-p port] [hostname]"), chapter5.out());
    }

    @Test
    void unknownOptionExitsTwoWithAUsageLine() {
        Run r = run("ch05", "blocks", "-x");
        assertEquals(2, r.status());
        assertEquals("", r.out());
        List<String> err = r.err().lines().toList();
        assertEquals("usage: toolkit ch05 blocks [-ch] [-p port] [hostname]", err.get(0));
        assertTrue(err.get(1).startsWith("toolkit ch05 blocks: error: ") && err.get(1).contains("-x"), r.err());
    }

    @Test
    void badValuesAndExtraArgumentsExitTwo() {
        Run notANumber = run("ch05", "streamer", "-p", "abc");
        assertEquals(2, notANumber.status());
        assertTrue(notANumber.err().startsWith("usage: toolkit ch05 streamer "), notANumber.err());
        assertTrue(notANumber.err().contains("'abc'"), notANumber.err());

        Run missingValue = run("ch05", "streamer", "-p");
        assertEquals(2, missingValue.status());
        assertTrue(missingValue.err().startsWith("usage: "), missingValue.err());

        Run extra = run("ch05", "blocks", "127.0.0.1", "surplus");
        assertEquals(2, extra.status());
        assertTrue(extra.err().contains("surplus"), extra.err());
    }

    @Test
    void unknownListingExitsTwoNamingTheValidOnes() {
        Run r = run("ch05", "nope");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("usage: toolkit ch05 "), r.err());
        assertTrue(r.err().contains("unknown listing 'nope' (valid: blocks, streamer)"), r.err());
    }

    @Test
    void unknownChapterExitsTwoNamingTheValidOnes() {
        Run r = run("ch42", "blocks");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("usage: toolkit "), r.err());
        assertTrue(r.err().contains("unknown command or chapter 'ch42' (valid: list, tour, " + CHAPTERS + ")"), r.err());
    }

    @Test
    void missingCommandOrListingExitsTwo() {
        Run none = run();
        assertEquals(2, none.status());
        assertTrue(none.err().contains("missing a command (valid: list, tour, " + CHAPTERS + ")"), none.err());

        Run chapterOnly = run("ch05");
        assertEquals(2, chapterOnly.status());
        assertTrue(chapterOnly.err().contains("missing a listing (valid: blocks, streamer)"), chapterOnly.err());
    }

    @Test
    void aFailingProgramExitsOneWithOneErrorLine() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        // Nothing listens there any more, so the connection is refused at once.
        Run r = run("ch05", "blocks", "127.0.0.1", "-c", "-p", String.valueOf(closedPort));
        assertEquals(1, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("Error: ") && r.err().contains("refused"), r.err());
    }

    @Test
    void anOutOfRangePortReadsTheSameOnEveryListing() {
        String error = "argument %s: invalid port value: '70000' (0 to 65535)";
        List<List<String>> commands = List.of(
                List.of("ch02", "udp_local", "server", "-p", "70000"),
                List.of("ch02", "big_sender", "127.0.0.1", "-p", "70000"),
                List.of("ch03", "tcp_sixteen", "server", "127.0.0.1", "-p", "70000"),
                List.of("ch04", "dns_mx", "--server", "127.0.0.1:70000", "example.test"),
                List.of("ch05", "blocks", "-p", "70000"),
                List.of("ch06", "safe_tls", "localhost", "70000"),
                List.of("ch06", "test_tls", "localhost", "70000"),
                List.of("ch07", "srv_legacy1", "127.0.0.1", "-p", "70000"),
                List.of("ch07", "srv_async", "127.0.0.1", "-p", "70000"),
                List.of("ch07", "server_multi", "127.0.0.1", "thread", "-p", "70000"),
                List.of("ch07", "client", "127.0.0.1", "-p", "70000"));
        for (List<String> command : commands) {
            Run r = run(command.toArray(String[]::new));
            assertEquals(2, r.status(), command + ": " + r.err());
            String option = command.contains("-p") ? "-p" : command.contains("--server") ? "--server" : "port";
            List<String> err = r.err().lines().toList();
            assertEquals("toolkit " + command.get(0) + " " + command.get(1) + ": error: " + String.format(error, option),
                    err.get(err.size() - 1), command.toString());
        }
    }
}

package dev.toolkit.examples.tour;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.Launcher;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TourTest {

    @Test
    void theTourRunsEveryDemoAndAllPass() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Launcher.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("tour");
        String printed = out.toString();
        assertEquals(0, status, printed + err);
        List<String> lines = printed.lines().toList();
        int summary = lines.indexOf("Summary");
        assertTrue(summary > 0, printed);
        assertTrue(lines.get(summary + 1).matches("chapter\\s+listing\\s+checked\\s+result\\s+ms"), printed);
        for (Demo demo : Catalog.demos()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("== " + demo.chapter() + " " + demo.listing())),
                    "no header for " + demo.listing() + ":\n" + printed);
            assertTrue(lines.subList(summary, lines.size()).stream().anyMatch(l ->
                    l.matches(demo.chapter() + "\\s+" + demo.listing() + "\\s+.*\\s+OK\\s+\\d+")),
                    "no OK row for " + demo.listing() + ":\n" + printed);
        }
        int demos = Catalog.demos().size();
        assertEquals(demos + " demos: " + demos + " OK, 0 FAILED", lines.get(lines.size() - 1));
        // The conversation is shown, labelled by program.
        assertTrue(printed.contains("  server | Block says: b'Beautiful is better than ugly.'"), printed);
        assertTrue(printed.contains("  server | Received zero bytes - end of file"), printed);
        assertFalse(printed.contains("FAILED:"), printed);
    }

    @Test
    void aFailingCheckIsReportedAndFailsTheTour() {
        Demo wrong = ServerClientDemo.of("ch05", "blocks", "expects a line that never comes",
                List.of("127.0.0.1", "-p", "0"), List.of("127.0.0.1", "-c", "-p", ServerClientDemo.PORT),
                (server, client) -> Expect.lines("client", client, List.of("never printed")));
        StringWriter out = new StringWriter();
        List<Tour.Result> results = Tour.run(List.of(wrong), new PrintWriter(out, true));
        assertEquals(1, results.size());
        assertFalse(results.get(0).ok());
        String printed = out.toString();
        assertTrue(printed.contains("FAILED: client printed 0 lines; line 1 missing"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("ch05\\s+blocks\\s+.*FAILED\\s+\\d+")), printed);
        assertTrue(printed.endsWith("1 demos: 0 OK, 1 FAILED" + System.lineSeparator()), printed);
    }

    @Test
    void aDemoMissingAProgramIsReportedAsNotRunWithoutFailingTheTour() {
        Demo needsTool = new ListingDemo("ch07", "in_zen1", "needs a program this machine lacks") {
            @Override
            public List<String> run(PrintWriter console) throws DemoUnavailableException {
                throw new DemoUnavailableException("some-activator (Debian: apt-get install something)");
            }
        };
        StringWriter out = new StringWriter();
        List<Tour.Result> results = Tour.run(List.of(needsTool), new PrintWriter(out, true));
        assertTrue(results.get(0).ok());
        assertFalse(results.get(0).ran());
        String printed = out.toString();
        assertTrue(printed.contains("  NOT RUN: needs some-activator (Debian: apt-get install something)"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("ch07\\s+in_zen1\\s+.*NOT RUN\\s+\\d+")), printed);
        assertTrue(printed.endsWith("1 demos: 0 OK, 0 FAILED, 1 NOT RUN (a program they need is missing)"
                + System.lineSeparator()), printed);
    }

    @Test
    void aServerThatNeverListensFailsTheDemoInsteadOfHanging() {
        // The client role never prints a Listening line; it fails to connect and exits.
        Demo broken = ServerClientDemo.of("ch05", "streamer", "a server that is really a client",
                List.of("127.0.0.1", "-c", "-p", "1"), List.of(), (server, client) -> List.of());
        StringWriter out = new StringWriter();
        List<Tour.Result> results = Tour.run(List.of(broken), new PrintWriter(out, true));
        assertFalse(results.get(0).ok(), out.toString());
        assertTrue(out.toString().contains("before printing the expected line"), out.toString());
    }

    @Test
    void tourOfAnUnknownChapterIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Launcher.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("tour", "ch99");
        assertEquals(2, status);
        assertTrue(err.toString().contains("unknown chapter 'ch99' (valid: "), err.toString());
    }
}

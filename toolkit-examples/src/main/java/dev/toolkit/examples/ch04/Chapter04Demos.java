package dev.toolkit.examples.ch04;

import dev.toolkit.examples.tour.Demo;
import dev.toolkit.examples.tour.ListingDemo;
import dev.toolkit.examples.tour.Expect;
import dev.toolkit.examples.tour.ListingRun;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.toolkit.examples.tour.Expect.literal;

/**
 * The tour's demos of chapter 4: each listing asks {@link DemoDnsServer}, the tour's own DNS server on
 * 127.0.0.1, about the zone {@code demo.test}; nothing goes to the system's resolver or the internet.
 */
public final class Chapter04Demos {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One run of a listing: its arguments (before {@code --server}), exit status and printed lines. */
    record Run(List<String> args, int status, List<String> lines) {
    }

    /** A demo that starts the demo DNS server and runs a listing a few times against it. */
    private static final class DnsDemo extends ListingDemo {
        private final boolean needsPort80;
        private final java.util.function.Function<Boolean, List<Run>> runs;

        DnsDemo(String listing, String checks, boolean needsPort80,
                    java.util.function.Function<Boolean, List<Run>> runs) {
            super("ch04", listing, checks);
            this.needsPort80 = needsPort80;
            this.runs = runs;
        }

        @Override
        public List<String> run(PrintWriter console) throws Exception {
            List<String> problems = new ArrayList<>();
            try (DemoDnsServer dns = DemoDnsServer.start(); Port80 port80 = needsPort80 ? Port80.open() : null) {
                console.println("  (DNS server for " + DemoDnsServer.ZONE + " on " + dns.serverOption() + ")");
                if (port80 != null) {
                    console.println("  (port 80: " + port80.note() + ")");
                }
                for (Run r : runs.apply(port80 == null || port80.listening())) {
                    List<String> args = new ArrayList<>(r.args());
                    args.add("--server");
                    args.add(dns.serverOption());
                    console.println("  $ " + listing() + " " + String.join(" ", args));
                    try (ListingRun run = ListingRun.start(program(), listing(),
                            console, args)) {
                        int status = run.awaitExit(TIMEOUT);
                        if (status != r.status()) {
                            problems.add(listing() + " " + r.args() + " exited with " + status + "; expected "
                                    + r.status() + (run.err().isEmpty() ? "" : " (" + run.err() + ")"));
                        }
                        problems.addAll(Expect.lines(listing() + " " + r.args(), run.out(), r.lines()));
                    }
                }
            }
            return problems;
        }
    }

    /** What {@code www_ping} prints for a name of the demo zone, depending on whether port 80 answers. */
    static List<Run> wwwPingRuns(boolean port80Listening) {
        return List.of(
                new Run(List.of("www.demo.test"), 0, List.of(literal(port80Listening
                        ? "Success: host web.demo.test is listening on port 80"
                        : "Network failure: Connection refused"))),
                new Run(List.of("nosuch.demo.test"), 1,
                        List.of(literal("Name service failure: Name or service not known"))));
    }

    static List<Run> dnsBasicRuns() {
        return List.of(
                new Run(List.of("demo.test"), 0, List.of(
                        literal("demo.test. 300 IN A 127.0.0.1"),
                        literal("demo.test. 300 IN MX 10 mail1.demo.test."),
                        literal("demo.test. 300 IN MX 20 mail2.demo.test."),
                        literal("demo.test. 300 IN NS ns.demo.test."))),
                new Run(List.of("www.demo.test"), 0, List.of(
                        literal("web.demo.test. 300 IN A 127.0.0.1"),
                        literal("www.demo.test. 300 IN CNAME web.demo.test."))));
    }

    static List<Run> dnsMxRuns() {
        return List.of(
                new Run(List.of("demo.test"), 0, List.of(
                        literal("This domain has 2 MX records"),
                        literal("Priority 10"),
                        literal("     mail1.demo.test has A address 127.0.0.1"),
                        literal("Priority 20"),
                        literal("     mail2.demo.test has A address 127.0.0.1"))),
                new Run(List.of("nomx.demo.test"), 0, List.of(
                        literal("This domain has no explicit MX records"),
                        literal("Attempting to resolve it as an A, AAAA, or CNAME"),
                        literal("     nomx.demo.test has A address 127.0.0.1"))),
                new Run(List.of("nullmx.demo.test"), 0, List.of(
                        literal("This domain has 1 MX records"),
                        literal("This domain has a null MX record: it accepts no mail"))),
                new Run(List.of("nosuch.demo.test"), 0, List.of(literal("Error: No such domain nosuch.demo.test"))));
    }

    /** The chapter's demos, in book order. */
    public static final List<Demo> ALL = List.of(
            new DnsDemo("www_ping", "getaddrinfo via the tour's DNS server, canonical name, connect to port 80",
                    true, Chapter04Demos::wwwPingRuns),
            new DnsDemo("dns_basic", "A, AAAA, CNAME, MX and NS record sets as dnspython prints them", false,
                    ignored -> dnsBasicRuns()),
            new DnsDemo("dns_mx", "MX by preference, address fallback, null MX, no such domain", false,
                    ignored -> dnsMxRuns()));

    private Chapter04Demos() {
    }
}

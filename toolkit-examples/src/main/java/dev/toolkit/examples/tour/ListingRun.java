package dev.toolkit.examples.tour;

import dev.toolkit.examples.Launcher;
import dev.toolkit.examples.Listing;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One program of the book running in this JVM on its own thread, as if started from the launcher, with its
 * printed lines captured (and echoed, labelled, to a console if one is given). The tour and the tests run
 * servers and clients this way.
 */
public final class ListingRun implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String label;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread thread;
    private Integer status;

    private ListingRun(Listing listing, String label, PrintWriter console, List<String> args) {
        this.label = label;
        PrintWriter programOut = new PrintWriter(new LineCollector(line -> {
            echo(console, " | ", line);
            record(out, line);
        }), true);
        PrintWriter programErr = new PrintWriter(new LineCollector(line -> {
            echo(console, " ! ", line);
            record(err, line);
        }), true);
        String[] argv = args.toArray(new String[0]);
        this.thread = new Thread(() -> {
            int exit = Launcher.commandLine(listing, programOut, programErr).execute(argv);
            programOut.close();
            programErr.close();
            finished(exit);
        }, "run-" + listing.name() + "-" + label);
        thread.setDaemon(true);
    }

    /**
     * Starts {@code listing} with {@code args} on a new thread.
     *
     * @param label how its lines are labelled, e.g. {@code server}
     * @param console where its lines are echoed as they are printed ({@code label | line}, and
     *     {@code label ! line} for its error output); {@code null} for nowhere
     */
    public static ListingRun start(Listing listing, String label, PrintWriter console, List<String> args) {
        ListingRun run = new ListingRun(listing, label, console, args);
        run.thread.start();
        return run;
    }

    private void echo(PrintWriter console, String separator, String line) {
        if (console != null) {
            console.println(String.format("  %-6s%s%s", label, separator, line));
        }
    }

    private synchronized void record(List<String> lines, String line) {
        lines.add(line);
        notifyAll();
    }

    private synchronized void finished(int exit) {
        status = exit;
        notifyAll();
    }

    /**
     * Waits until the program prints a line matching {@code wanted}.
     *
     * @return the first such line
     * @throws IllegalStateException if the program ends first or the time runs out (the message says which)
     */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return awaitOut(out, lines -> lines.stream().filter(wanted).findFirst(), "the expected line", timeout);
    }

    /**
     * Waits until the program has printed at least {@code count} lines.
     *
     * @return the lines printed so far
     * @throws IllegalStateException if the program ends first or the time runs out (the message says which)
     */
    public List<String> awaitLines(int count, Duration timeout) throws InterruptedException {
        return awaitOut(out, lines -> lines.size() >= count ? Optional.of(List.copyOf(lines)) : Optional.empty(),
                count + " lines", timeout);
    }

    /**
     * Waits until the program has printed at least {@code count} lines on its error output.
     *
     * @return the lines printed there so far
     * @throws IllegalStateException if the program ends first or the time runs out (the message says which)
     */
    public List<String> awaitErrLines(int count, Duration timeout) throws InterruptedException {
        return awaitOut(err, lines -> lines.size() >= count ? Optional.of(List.copyOf(lines)) : Optional.empty(),
                count + " lines on stderr", timeout);
    }

    private synchronized <T> T awaitOut(List<String> printed, Function<List<String>, Optional<T>> ready, String what,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = ready.apply(printed);
            if (result.isPresent()) {
                return result.get();
            }
            if (status != null) {
                throw new IllegalStateException(label + " exited with status " + status + " before printing "
                        + what);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(label + " did not print " + what + " within "
                        + timeout.toSeconds() + " s");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Waits until the program ends.
     *
     * @return its exit status
     * @throws IllegalStateException if it is still running when the time runs out
     */
    public synchronized int awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(label + " did not finish within " + timeout.toSeconds() + " s");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return status;
    }

    /** The lines the program printed so far. */
    public synchronized List<String> out() {
        return List.copyOf(out);
    }

    /** The lines the program printed on its error output so far. */
    public synchronized List<String> err() {
        return List.copyOf(err);
    }

    /** Interrupts the program if it is still running (a server waiting for a client) and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(STOP_WAIT.toMillis());
        }
    }
}

package dev.toolkit.examples.support;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The base of every listing: a picocli command whose {@link #call()} is the program, printing to
 * {@link #out()} and {@link #err()} instead of {@code System.out}, so the launcher prints to the terminal and
 * the tour and the tests capture each program's lines separately.
 *
 * <p>Like Python's argparse, a listing has {@code -h}/{@code --help}, and a bad command line prints a usage line
 * and argparse's error message and exits with status 2 ({@link ArgparseErrors}, which the launcher installs;
 * ports are parsed by {@link ArgumentTypes.Port}). An option's value follows
 * it after a space ({@code -p 1060}) or attached ({@code -p1060}), as in argparse.
 */
@Command(separator = " ", sortOptions = false, synopsisHeading = "usage: ")
public abstract class ListingCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    /** Where the program prints, as Python's {@code print()}; flushed at every line. */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where the program reports errors, as Python's {@code sys.stderr}. */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

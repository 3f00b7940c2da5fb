package dev.toolkit.examples;

import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.examples.support.ArgparseErrors;
import dev.toolkit.examples.support.ArgumentTypes;
import dev.toolkit.examples.support.HelpOption;
import dev.toolkit.examples.tour.Tour;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code ./toolkit} command: {@code list}, {@code tour}, and {@code chNN LISTING ARGS...} to run one
 * program of the book.
 *
 * <p>As with the Python originals' argparse, {@code -h}/{@code --help} prints usage and exits 0, and a bad
 * command line prints a usage line and an error on stderr and exits 2. A program that fails prints one
 * Python-style error line ({@code EOFError: ...}) on stderr and exits 1.
 */
@Command(name = "toolkit",
        description = "The programs of Foundations of Python Network Programming, in Java.",
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "(list | tour | CHAPTER LISTING [ARGS...])",
        subcommands = {ListCommand.class, Tour.class})
public final class Launcher implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    /** Runs the launcher and exits with its status. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err), true);
        int status = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * The whole command tree (launcher, {@code list}, {@code tour}, one command per chapter with one
     * subcommand per listing), printing to {@code out} and {@code err}.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(Catalog.chapters(), Catalog.listings(), out, err);
    }

    /** The command tree for the given chapters (with titles) and listings. */
    static CommandLine commandLine(Map<String, String> chapters, List<Listing> listings, PrintWriter out,
                                   PrintWriter err) {
        CommandLine root = new CommandLine(new Launcher());
        chapters.forEach((chapter, title) -> {
            CommandLine chapterLine = new CommandLine(new ChapterCommand());
            chapterLine.getCommandSpec().usageMessage().description(title);
            for (Listing listing : listings) {
                if (listing.chapter().equals(chapter)) {
                    chapterLine.addSubcommand(listing.name(), new CommandLine(listing.type()), listing.aliases());
                }
            }
            root.addSubcommand(chapter, chapterLine);
        });
        return configure(root, out, err);
    }

    /**
     * One listing's command on its own, printing to {@code out} and {@code err}, with the launcher's handling
     * of bad arguments and failures; the tour runs programs through this.
     */
    public static CommandLine commandLine(Listing listing, PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(listing.type()), out, err);
    }

    private static CommandLine configure(CommandLine line, PrintWriter out, PrintWriter err) {
        line.registerConverter(Integer.class, new ArgumentTypes.Int());
        line.registerConverter(Integer.TYPE, new ArgumentTypes.Int());
        return line.setOut(out).setErr(err)
                .setParameterExceptionHandler(new ArgparseErrors(Launcher::launcherMessage))
                .setExecutionExceptionHandler(new ProgramError());
    }

    /** Invoked with no command: a usage error, as argparse reports a missing argument. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing a command (valid: " + names(spec.commandLine())
                + ")");
    }

    /** A chapter: one subcommand per listing. */
    @Command(synopsisHeading = "usage: ", synopsisSubcommandLabel = "LISTING [ARGS...]",
            commandListHeading = "Listings:%n")
    static final class ChapterCommand implements Runnable {
        @Spec
        private CommandSpec spec;

        @Mixin
        private HelpOption help;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "missing a listing (valid: " + names(spec.commandLine())
                    + ")");
        }
    }

    /** The subcommands of {@code line} by their main names (aliases left out). */
    private static String names(CommandLine line) {
        return line.getSubcommands().values().stream().map(CommandLine::getCommandName).distinct()
                .collect(Collectors.joining(", "));
    }

    /** The launcher's own wording, where argparse has none: an unknown or missing chapter or listing. */
    private static String launcherMessage(ParameterException ex) {
        CommandLine line = ex.getCommandLine();
        if (ex instanceof UnmatchedArgumentException && !line.getSubcommands().isEmpty()) {
            List<String> unmatched = ((UnmatchedArgumentException) ex).getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (!first.startsWith("-")) {
                String what = line.getParent() == null ? "command or chapter" : "listing";
                return "unknown " + what + " '" + first + "' (valid: " + names(line) + ")";
            }
        }
        return ex.getMessage();
    }

    /**
     * Prints a failed program's error as the last line of a Python traceback would ({@code EOFError: ...},
     * {@code Error: ...}) and exits 1; unexpected exceptions print their stack trace.
     */
    private static final class ProgramError implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine line, ParseResult parseResult) {
            PrintWriter err = line.getErr();
            if (ex instanceof EOFException) {
                err.println("EOFError: " + ex.getMessage());
            } else if (ex instanceof ToolkitException || ex instanceof IOException
                    || ex instanceof IllegalArgumentException) {
                err.println("Error: " + ex.getMessage());
            } else if (ex instanceof InterruptedException) {
                err.println("Interrupted");
            } else {
                ex.printStackTrace(err);
            }
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }
}

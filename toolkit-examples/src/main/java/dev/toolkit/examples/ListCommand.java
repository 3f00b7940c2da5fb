package dev.toolkit.examples;

import dev.toolkit.examples.support.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/** {@code toolkit list}: every listing with its chapter and a one-line description. */
@Command(name = "list", description = "List every program: chapter, listing, what it does.")
final class ListCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<Listing> listings = Catalog.listings();
        int chapterWidth = Math.max("chapter".length(),
                listings.stream().mapToInt(l -> l.chapter().length()).max().orElse(0));
        int nameWidth = Math.max("listing".length(),
                listings.stream().mapToInt(l -> l.name().length()).max().orElse(0));
        String row = "%-" + chapterWidth + "s  %-" + nameWidth + "s  %s%n";
        out.printf(row, "chapter", "listing", "description");
        for (Listing listing : listings) {
            out.printf(row, listing.chapter(), listing.name(), listing.description());
        }
        out.println();
        out.println("Run one with: toolkit CHAPTER LISTING [ARGS...]   (--help shows its usage)");
        out.flush();
    }
}

package dev.toolkit.examples.tour;

import dev.toolkit.examples.Catalog;
import dev.toolkit.examples.Listing;

/** A demo of one listing of the catalog: holds what the summary table shows and finds the listing to run. */
public abstract class ListingDemo implements Demo {

    private final String chapter;
    private final String listing;
    private final String checks;

    /**
     * @param chapter the chapter, e.g. {@code ch05}
     * @param listing the listing shown, e.g. {@code blocks}
     * @param checks what the demo checks, in a few words
     */
    protected ListingDemo(String chapter, String listing, String checks) {
        this.chapter = chapter;
        this.listing = listing;
        this.checks = checks;
    }

    @Override
    public final String chapter() {
        return chapter;
    }

    @Override
    public final String listing() {
        return listing;
    }

    @Override
    public final String checks() {
        return checks;
    }

    /** The listing this demo shows. */
    protected final Listing program() {
        return program(chapter, listing);
    }

    /** The catalog's listing {@code chapter listing}; a demo naming one the catalog lacks is a bug. */
    public static Listing program(String chapter, String listing) {
        return Catalog.find(chapter, listing).orElseThrow(
                () -> new IllegalStateException("no listing " + chapter + " " + listing + " in the catalog"));
    }
}

package dev.toolkit.examples.tour;

import java.io.PrintWriter;
import java.util.List;

/**
 * One demo of the tour: runs a chapter's programs on loopback, shows their conversation, and checks what they
 * printed. Chapters register their demos in {@link dev.toolkit.examples.Catalog}.
 */
public interface Demo {

    /** The chapter, e.g. {@code ch05}. */
    String chapter();

    /** The listing the demo shows, e.g. {@code blocks}. */
    String listing();

    /** What the demo checks, in a few words for the summary table. */
    String checks();

    /**
     * Runs the demo, printing the conversation to {@code console} as it happens.
     *
     * @return what went wrong; empty when every check passed
     * @throws Exception when the demo could not run at all (counted as a failure)
     */
    List<String> run(PrintWriter console) throws Exception;
}

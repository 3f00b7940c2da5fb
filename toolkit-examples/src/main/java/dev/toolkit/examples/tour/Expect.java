package dev.toolkit.examples.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Compares printed lines with what a demo expects, describing every difference in words. */
public final class Expect {

    private Expect() {
    }

    /**
     * Checks that {@code actual} has exactly one line per pattern, each matching its pattern in full.
     *
     * @param who whose lines these are, e.g. {@code server}
     * @param actual the printed lines
     * @param expected one regular expression per line (use {@link Pattern#quote} for literal text)
     * @return the differences; empty if the lines match
     */
    public static List<String> lines(String who, List<String> actual, List<String> expected) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
            if (i >= actual.size()) {
                problems.add(who + " printed " + actual.size() + " lines; line " + (i + 1) + " missing: expected "
                        + expected.get(i));
                break;
            }
            if (i >= expected.size()) {
                problems.add(who + " printed an unexpected line " + (i + 1) + ": " + actual.get(i));
                break;
            }
            if (!Pattern.matches(expected.get(i), actual.get(i))) {
                problems.add(who + " line " + (i + 1) + ": expected " + expected.get(i) + " but got: "
                        + actual.get(i));
            }
        }
        return problems;
    }

    /** A pattern matching {@code text} literally. */
    public static String literal(String text) {
        return Pattern.quote(text);
    }
}

package dev.toolkit.readme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code ```java} block of the repository's README is the text of a region of a compiled source file in
 * this package, between {@code // README: name} and {@code // README: end} (compared line by line, common
 * indentation and trailing blanks aside). A block without its region fails, naming its README line and its
 * first line; so does a region that no block shows.
 */
class ReadmeSnippetsTest {

    private static final Pattern BEGIN = Pattern.compile("^\\s*// README: (?!end\\s*$)(\\S.*?)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// README: end\\s*$");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

    /** The root of the repository: the parent of this module's directory. */
    static Path repository() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path root = module.getParent();
        if (!Files.isRegularFile(root.resolve("README.md"))) {
            fail("no README.md in " + root + " (the parent of the module directory " + module + ")");
        }
        return root;
    }

    /** A fenced block of the README: the line its first code line is on, its language and its lines. */
    record Block(int line, String language, List<String> lines) {
        String firstLine() {
            return lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("(empty)").strip();
        }
    }

    static List<Block> blocks(List<String> markdown) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            Matcher open = FENCE.matcher(markdown.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i + 1;
            int close = start;
            while (close < markdown.size() && !markdown.get(close).startsWith("```")) {
                close++;
            }
            if (close == markdown.size()) {
                fail("README.md line " + (i + 1) + ": a ``` block that never ends");
            }
            blocks.add(new Block(start + 1, open.group(1), List.copyOf(markdown.subList(start, close))));
            i = close;
        }
        return blocks;
    }

    /** The marked regions of the Java files under {@code dir}, by name, each with where it is. */
    static Map<String, Region> regions(Path dir) {
        Map<String, Region> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher begin = BEGIN.matcher(lines.get(i));
                    if (!begin.matches() || file.endsWith("ReadmeSnippetsTest.java")) {
                        continue;
                    }
                    int end = i + 1;
                    while (end < lines.size() && !END.matcher(lines.get(end)).matches()) {
                        end++;
                    }
                    String where = dir.relativize(file) + ":" + (i + 1);
                    if (end == lines.size()) {
                        fail(where + ": region '" + begin.group(1) + "' has no '// README: end'");
                    }
                    Region previous = regions.put(begin.group(1),
                            new Region(begin.group(1), where, List.copyOf(lines.subList(i + 1, end))));
                    if (previous != null) {
                        fail("region '" + begin.group(1) + "' is marked twice: " + previous.where() + " and " + where);
                    }
                    i = end;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return regions;
    }

    /** A region of a source file. */
    record Region(String name, String where, List<String> lines) {
    }

    /** The lines without their common indentation, trailing blanks and leading or trailing blank lines. */
    static List<String> normalized(List<String> lines) {
        List<String> stripped = lines.stream().map(String::stripTrailing).collect(Collectors.toList());
        while (!stripped.isEmpty() && stripped.get(0).isEmpty()) {
            stripped.remove(0);
        }
        while (!stripped.isEmpty() && stripped.get(stripped.size() - 1).isEmpty()) {
            stripped.remove(stripped.size() - 1);
        }
        int indent = stripped.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return stripped.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
    }

    @Test
    void everyJavaBlockOfTheReadmeIsACompiledRegion() throws IOException {
        Path root = repository();
        Path sources = root.resolve("toolkit-examples/src/test/java/dev/toolkit/readme");
        List<String> problems = problems(Files.readAllLines(root.resolve("README.md")), regions(sources));
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    /** Every java block without its region, and every region in no block. */
    static List<String> problems(List<String> markdown, Map<String, Region> regions) {
        List<Block> java = blocks(markdown).stream().filter(b -> b.language().equals("java")).toList();
        List<String> problems = new ArrayList<>();
        if (java.isEmpty()) {
            problems.add("README.md has no ```java block");
        }
        Map<String, Region> unused = new LinkedHashMap<>(regions);
        for (Block block : java) {
            List<String> text = normalized(block.lines());
            Region match = regions.values().stream().filter(r -> normalized(r.lines()).equals(text))
                    .findFirst().orElse(null);
            if (match == null) {
                problems.add("README.md line " + block.line() + " (`" + block.firstLine() + "`): no marked region"
                        + " has this text" + closest(text, regions.values()));
            } else {
                unused.remove(match.name());
            }
        }
        unused.values().forEach(r -> problems.add(r.where() + ": region '" + r.name() + "' is in no README block"));
        return problems;
    }

    /** Where the region most like {@code text} first differs from it, to say what drifted. */
    private static String closest(List<String> text, Iterable<Region> regions) {
        Region best = null;
        int bestSame = 0;
        for (Region region : regions) {
            List<String> lines = normalized(region.lines());
            int same = 0;
            while (same < Math.min(lines.size(), text.size()) && lines.get(same).equals(text.get(same))) {
                same++;
            }
            if (same > bestSame) {
                best = region;
                bestSame = same;
            }
        }
        if (best == null) {
            return "";
        }
        List<String> lines = normalized(best.lines());
        return "; nearest is region '" + best.name() + "' (" + best.where() + "), which differs at snippet line "
                + (bestSame + 1) + ": README `" + (bestSame < text.size() ? text.get(bestSame) : "(ends)")
                + "`, source `" + (bestSame < lines.size() ? lines.get(bestSame) : "(ends)") + "`";
    }

    @Test
    void aDriftedOrUncoveredSnippetIsReportedWithItsLineAndFirstLine() {
        List<String> markdown = List.of("intro", "```java", "    int a = 1;", "int b = 2;", "```", "```sh", "ls", "```",
                "```java", "int c = 3;", "```");
        Map<String, Region> regions = Map.of(
                "ab", new Region("ab", "A.java:10", List.of("        int a = 1;", "    int b = 3;  ")),
                "c", new Region("c", "C.java:4", List.of("", "            int c = 3;", "")));
        List<String> problems = problems(markdown, regions);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("README.md line 3 (`int a = 1;`): no marked region has this text;"
                + " nearest is region 'ab' (A.java:10), which differs at snippet line 2"), problems.get(0));
        assertEquals("A.java:10: region 'ab' is in no README block", problems.get(1));
        assertEquals(List.of(), problems(List.of("```java", "int c = 3;", "```"), Map.of("c", regions.get("c"))));
    }
}

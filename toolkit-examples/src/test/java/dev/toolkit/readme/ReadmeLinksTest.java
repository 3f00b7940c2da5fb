package dev.toolkit.readme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README points only inside the repository: every relative link is a file of it, every {@code #anchor} a
 * heading of the README, and every path it quotes under one of the repository's own directories exists.
 * Only web addresses (https) leave it.
 */
class ReadmeLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern QUOTED_PATH = Pattern.compile("`((?:\\./)?(?:\\.ci|bench|toolkit[\\w-]*)(?:/[^`\\s<>]*)?)`");

    @Test
    void everyLinkAndQuotedPathIsInsideTheRepository() throws IOException {
        Path root = ReadmeSnippetsTest.repository();
        List<String> lines = Files.readAllLines(root.resolve("README.md"));
        List<String> anchors = lines.stream().filter(l -> l.startsWith("#"))
                .map(l -> anchor(l.replaceFirst("^#+\\s*", ""))).toList();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = "README.md line " + (i + 1) + ": ";
            Matcher link = LINK.matcher(lines.get(i));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("https://")) {
                    continue;
                } else if (target.startsWith("#")) {
                    if (!anchors.contains(target.substring(1))) {
                        problems.add(where + "no heading for the anchor " + target);
                    }
                } else if (target.contains(":") || !inside(root, target)) {
                    problems.add(where + "the link " + target + " leads outside the repository or to nothing");
                }
            }
            Matcher path = QUOTED_PATH.matcher(lines.get(i));
            while (path.find()) {
                String quoted = path.group(1);
                if (!quoted.contains("/target/") && !quoted.endsWith("/target/") && !inside(root, quoted)) {
                    problems.add(where + "`" + quoted + "` is not a path of the repository");
                }
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    private static boolean inside(Path root, String relative) {
        Path resolved = root.resolve(relative).normalize();
        return resolved.startsWith(root) && Files.exists(resolved);
    }

    /** GitHub's anchor of a heading: lower case, spaces to dashes, punctuation dropped. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\w\\- ]", "").replace(' ', '-');
    }
}

package dev.toolkit.http.server.files;

import dev.toolkit.testing.fuzz.FuzzTarget;
import dev.toolkit.testing.fuzz.Fuzzing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fuzzes what {@link StaticFiles} reads from a request before touching the file system: the {@code Range}
 * parser and the path normaliser, fed the same arbitrary string. Input layout: bytes 0 to 3 are the file size
 * (big-endian, unsigned; a set top bit of byte 0 makes it {@code Long.MAX_VALUE - 1}), byte 4's low bit picks
 * how the rest is read (UTF-8 or ISO-8859-1), the rest is the string.
 *
 * <p>Invariants: the range parser never throws, and every range it yields is inside the file, at most the
 * limit in number and not overlapping; the normaliser fails only with its clear {@code the path ...}
 * complaint, and what it yields resolves under the root, each segment a plain file name.
 */
class StaticFilesFuzzTest {

    private static final int MAX_RANGES = 16;
    private static final Path ROOT = Path.of("/srv/root");

    private static final Predicate<Throwable> CLEAR = t -> t instanceof IllegalArgumentException
            && t.getMessage() != null && t.getMessage().startsWith("the path");

    @FuzzTarget
    void rangeAndPath(byte[] input) {
        Fuzzing.exercise(() -> check(input), CLEAR);
    }

    private static void check(byte[] input) {
        if (input.length < 5) {
            return;
        }
        long size = (input[0] & 0x80) != 0 ? Long.MAX_VALUE - 1
                : ((input[0] & 0x7fL) << 24) | ((input[1] & 0xffL) << 16) | ((input[2] & 0xffL) << 8) | (input[3] & 0xffL);
        byte[] rest = Arrays.copyOfRange(input, 5, input.length);
        String text = new String(rest, (input[4] & 1) == 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        checkRanges(text, size);
        checkPath(text);
    }

    private static void checkRanges(String header, long size) {
        ByteRanges ranges = ByteRanges.parse(header, size, MAX_RANGES);
        if (ranges.outcome() != ByteRanges.Outcome.PARTIAL) {
            assertThat(ranges.ranges().isEmpty(), "ranges without a partial outcome: " + ranges);
            return;
        }
        List<ByteRanges.Range> list = new ArrayList<>(ranges.ranges());
        assertThat(!list.isEmpty() && list.size() <= MAX_RANGES, "range count " + list.size() + " for " + header);
        for (ByteRanges.Range range : list) {
            assertThat(range.first >= 0 && range.first <= range.last && range.last < size,
                    "range " + range + " outside a file of " + size + " bytes, from " + header);
            assertThat(range.length() > 0, "empty range " + range);
        }
        list.sort((a, b) -> Long.compare(a.first, b.first));
        for (int i = 1; i < list.size(); i++) {
            assertThat(list.get(i).first > list.get(i - 1).last, "overlapping ranges " + list + " from " + header);
        }
    }

    private static void checkPath(String rawPath) {
        RequestPath path = RequestPath.parse(rawPath);
        Path resolved = ROOT;
        for (String segment : path.segments()) {
            assertThat(!segment.isEmpty() && !segment.equals(".") && !segment.equals(".."), "segment " + segment);
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                assertThat(c != '/' && c != '\\' && c >= 0x20 && c != 0x7f, "character " + (int) c + " in " + segment);
            }
            Path next = resolved.resolve(segment);
            assertThat(next.getParent().equals(resolved), "segment " + segment + " is not one level down");
            resolved = next;
        }
        assertThat(resolved.normalize().equals(resolved) && resolved.startsWith(ROOT),
                rawPath + " resolves to " + resolved + ", outside " + ROOT);
    }

    private static void assertThat(boolean holds, String problem) {
        if (!holds) {
            throw new AssertionError(problem);
        }
    }
}

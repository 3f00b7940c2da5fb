package dev.toolkit.http.server.files;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPathTest {

    @Test
    void decodesSegmentsAndKnowsDirectories() {
        RequestPath path = RequestPath.parse("/docs/caf%C3%A9/a+b%20c.txt");
        assertEquals(List.of("docs", "caf\u00e9", "a+b c.txt"), path.segments());
        assertFalse(path.directory());
        assertTrue(RequestPath.parse("/docs/").directory());
        assertTrue(RequestPath.parse("/").directory());
        assertTrue(RequestPath.parse("").directory());
        assertEquals(List.of(), RequestPath.parse("/").segments());
        assertEquals(List.of("a", "b"), RequestPath.parse("//a//b").segments());
        assertEquals(List.of("a..b", "...", ".hidden"), RequestPath.parse("/a..b/.../.hidden").segments());
        // a double-encoded slash is a file name holding "%2F", which cannot leave the root
        assertEquals(List.of("a%2Fb"), RequestPath.parse("/a%252Fb").segments());
    }

    @Test
    void refusesEveryWayOut() {
        String[] attempts = {"/../etc/passwd", "/a/../../b", "/./a", "/a/..", "/%2e%2e/etc/passwd",
            "/%2E%2E/x", "/.%2e/x", "/%2e/x", "/a%2F..%2F..%2Fetc", "/a%2fb", "/a%5Cb", "/a%5c..", "/a\\..\\b",
            "/a%00.txt", "/a\u0000b", "/a%0Ab", "/a\nb", "/a%7Fb", "/a%zzb", "/a%4", "/a%", "/a?b", "/a#b",
            "/%C0%AE%C0%AE/x"};
        for (String attempt : attempts) {
            if (attempt.equals("/%C0%AE%C0%AE/x")) {
                // overlong UTF-8 for "..": decoded as replacement characters, a harmless name
                assertFalse(RequestPath.parse(attempt).segments().contains(".."));
                continue;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RequestPath.parse(attempt), attempt);
            assertTrue(e.getMessage().startsWith("the path"), e.getMessage());
        }
    }
}

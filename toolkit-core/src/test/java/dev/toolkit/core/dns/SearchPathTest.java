package dev.toolkit.core.dns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchPathTest {

    private static final List<String> SEARCH = List.of("a.example", "b.example");

    @Test
    void fewerDotsThanNdotsTriesTheSearchListFirst() {
        assertEquals(List.of("www.a.example", "www.b.example", "www"), SearchPath.expand("www", false, SEARCH, 1));
        assertEquals(List.of("www.x.a.example", "www.x.b.example", "www.x"),
                SearchPath.expand("www.x", false, SEARCH, 2));
    }

    @Test
    void enoughDotsTriesTheNameFirst() {
        assertEquals(List.of("www.x", "www.x.a.example", "www.x.b.example"),
                SearchPath.expand("www.x", false, SEARCH, 1));
        assertEquals(List.of("www", "www.a.example", "www.b.example"), SearchPath.expand("www", false, SEARCH, 0));
    }

    @Test
    void absoluteNamesAndEmptySearchListsAreTriedAlone() {
        assertEquals(List.of("www"), SearchPath.expand("www", true, SEARCH, 1));
        assertEquals(List.of("www"), SearchPath.expand("www", false, List.of(), 1));
    }

    @Test
    void repeatsAreDropped() {
        assertEquals(List.of("www.a.example", "www"), SearchPath.expand("www", false,
                List.of("a.example", "a.example."), 1));
    }
}

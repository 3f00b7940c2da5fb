package dev.toolkit.http.server.files;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteRangesTest {

    private static String parse(String header, long size) {
        return ByteRanges.parse(header, size, 16).toString();
    }

    @Test
    void theThreeFormsOfARange() {
        assertEquals("PARTIAL [0-99]", parse("bytes=0-99", 1000));
        assertEquals("PARTIAL [900-999]", parse("bytes=900-", 1000));
        assertEquals("PARTIAL [900-999]", parse("bytes=-100", 1000));
        assertEquals("PARTIAL [0-0]", parse("bytes=0-0", 1000));
        assertEquals("PARTIAL [999-999]", parse("bytes=-1", 1000));
    }

    @Test
    void endsAreCutToTheFileAndLongSuffixesAreTheWholeFile() {
        assertEquals("PARTIAL [500-999]", parse("bytes=500-5000", 1000));
        assertEquals("PARTIAL [0-999]", parse("bytes=-5000", 1000));
        assertEquals("PARTIAL [0-999]", parse("bytes=0-99999999999999999999999", 1000));
    }

    @Test
    void severalRangesInTheirOrderWithSpacesAndEmptyElements() {
        assertEquals("PARTIAL [0-1, 5-6]", parse("bytes=0-1,5-6", 10));
        assertEquals("PARTIAL [5-6, 0-1]", parse("bytes= 5-6 , ,0-1 ", 10));
        assertEquals("PARTIAL [0-1, 8-9]", parse("BYTES=0-1, -2", 10));
    }

    @Test
    void unsatisfiableWhenNoRangeStartsInsideTheFile() {
        assertEquals("UNSATISFIABLE", parse("bytes=1000-", 1000));
        assertEquals("UNSATISFIABLE", parse("bytes=1000-2000, 5000-", 1000));
        assertEquals("UNSATISFIABLE", parse("bytes=-0", 1000));
        assertEquals("UNSATISFIABLE", parse("bytes=99999999999999999999-", 1000));
        // one satisfiable range is enough
        assertEquals("PARTIAL [0-9]", parse("bytes=2000-3000,0-9", 1000));
    }

    @Test
    void malformedHeadersAndOtherUnitsAreIgnored() {
        for (String header : new String[] {"bytes=5-1", "bytes=a-b", "bytes=-", "bytes=1", "bytes=", "bytes=,",
                "items=0-1", "bytes 0-1", "bytes=0-1-2", "bytes=+1-2", "bytes=0x1-2", "=0-1", "bytes=1 -2"}) {
            assertEquals("WHOLE", parse(header, 1000), header);
        }
        assertEquals("WHOLE", parse(null, 1000));
    }

    @Test
    void overlappingOrTooManyRangesGetTheWholeFile() {
        assertEquals("WHOLE", parse("bytes=0-10,5-20", 1000));
        assertEquals("WHOLE", parse("bytes=0-,-10", 1000));
        assertEquals("WHOLE", parse("bytes=0-0,0-0", 1000));
        StringBuilder seventeen = new StringBuilder("bytes=");
        for (int i = 0; i < 17; i++) {
            seventeen.append(i == 0 ? "" : ",").append(i * 2).append('-').append(i * 2);
        }
        assertEquals("WHOLE", parse(seventeen.toString(), 1000));
        assertEquals("PARTIAL", ByteRanges.parse(seventeen.toString(), 1000, 17).outcome().name());
        // adjacent ranges do not overlap
        assertEquals("PARTIAL [0-4, 5-9]", parse("bytes=0-4,5-9", 10));
    }

    @Test
    void anEmptyFileIgnoresRanges() {
        assertEquals("WHOLE", parse("bytes=0-10", 0));
        assertEquals("WHOLE", parse("bytes=-10", 0));
    }

    @Test
    void contentRangeValues() {
        ByteRanges.Range range = ByteRanges.parse("bytes=10-19", 100, 16).ranges().get(0);
        assertEquals("bytes 10-19/100", range.contentRange(100));
        assertEquals(10, range.length());
    }
}

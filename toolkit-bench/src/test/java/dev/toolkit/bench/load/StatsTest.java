package dev.toolkit.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsTest {

    @Test
    void medianQuartilesAndRangeOfAnOddCount() {
        Stats s = Stats.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0));
        assertEquals(new Stats(1, 2, 3, 4, 5), s);
    }

    @Test
    void anEvenCountInterpolates() {
        Stats s = Stats.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(2.5, s.median(), 1e-9);
        assertEquals(1.75, s.q1(), 1e-9);
        assertEquals(3.25, s.q3(), 1e-9);
    }

    @Test
    void oneValueIsEverything() {
        assertEquals(new Stats(7, 7, 7, 7, 7), Stats.of(List.of(7.0)));
    }

    @Test
    void nothingToSummariseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
    }
}

package dev.toolkit.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuTimeTest {

    @Test
    void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9000 0 12 0 250 75 0 0 20 0 30 0 100 1 2";
        assertEquals(3.25, CpuTime.parse(stat), 1e-9);
    }

    @Test
    void aShortOrGarbledLineIsAClearError() {
        IllegalArgumentException shortLine = assertThrows(IllegalArgumentException.class,
                () -> CpuTime.parse("1 (a) S 1 2"));
        assertTrue(shortLine.getMessage().contains("fewer than 15"), shortLine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuTime.parse("no command name here"));
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> CpuTime.parse("1 (a) S 1 2 3 4 5 6 7 8 9 10 x y 0"));
        assertTrue(notNumber.getMessage().contains("not a number"), notNumber.getMessage());
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assertTrue(CpuTime.seconds(ProcessHandle.current().pid()) > 0);
    }
}

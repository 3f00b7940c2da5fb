package dev.toolkit.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChecksTest {

    @Test
    void portsRangeFromZeroTo65535() {
        assertEquals(0, Checks.port(0));
        assertEquals(65535, Checks.port(65535));
        assertEquals("port must be 0..65535: 65536",
                assertThrows(IllegalArgumentException.class, () -> Checks.port(65536)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checks.port(-1));
    }

    @Test
    void namesMustHaveText() {
        assertEquals("zen", Checks.name("zen"));
        assertEquals("name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Checks.name(" ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checks.name(null));
    }

    @Test
    void countsMayBeZeroButNotNegative() {
        assertEquals(0, Checks.notNegative(0, "threads"));
        assertEquals("threads must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> Checks.notNegative(-1, "threads")).getMessage());
    }

    @Test
    void optionalLimitsAreNullOrPositive() {
        assertNull(Checks.positiveOrNull(null, "readTimeout"));
        assertEquals(Duration.ofSeconds(1), Checks.positiveOrNull(Duration.ofSeconds(1), "readTimeout"));
        assertEquals("readTimeout must be positive or null: PT0S", assertThrows(IllegalArgumentException.class,
                () -> Checks.positiveOrNull(Duration.ZERO, "readTimeout")).getMessage());
    }
}

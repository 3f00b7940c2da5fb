package dev.toolkit.core.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting in tests for what a server does on its own threads. */
final class Conditions {

    private Conditions() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} once {@code limit} has passed. */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}

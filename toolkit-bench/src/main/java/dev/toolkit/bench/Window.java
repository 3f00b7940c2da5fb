package dev.toolkit.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps {@code window} requests in flight: each completion (reply or failure) starts the next request, so the
 * load is closed-loop, as a client waiting for its replies makes it.
 */
final class Window {

    /** What one run did. */
    record Outcome(long replies, long failures, long nanos) {
        /** Replies per second. */
        double perSecond() {
            return replies * 1e9 / nanos;
        }
    }

    private final Driver driver;
    private final int window;
    private final byte[] payload;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong budget;
    private final CountDownLatch drained;

    private Window(Driver driver, int window, byte[] payload, long requests) {
        this.driver = driver;
        this.window = window;
        this.payload = payload;
        this.budget = new AtomicLong(requests);
        this.drained = new CountDownLatch(window);
    }

    /** Runs for {@code duration}; counts the replies that came back in that time. */
    static Outcome forDuration(Driver driver, int window, byte[] payload, Duration duration)
            throws InterruptedException {
        Window w = new Window(driver, window, payload, Long.MAX_VALUE);
        long start = System.nanoTime();
        w.startAll();
        Thread.sleep(duration.toMillis());
        long replies = w.replies.get();
        long failures = w.failures.get();
        long nanos = System.nanoTime() - start;
        w.stop.set(true);
        w.awaitDrained();
        return new Outcome(replies, failures, nanos);
    }

    /** Sends exactly {@code requests} requests and waits for all of them. */
    static Outcome forCount(Driver driver, int window, byte[] payload, long requests) throws InterruptedException {
        Window w = new Window(driver, window, payload, requests);
        long start = System.nanoTime();
        w.startAll();
        w.awaitDrained();
        return new Outcome(w.replies.get(), w.failures.get(), System.nanoTime() - start);
    }

    private void startAll() {
        for (int i = 0; i < window; i++) {
            next();
        }
    }

    private void next() {
        if (stop.get() || budget.getAndDecrement() <= 0) {
            drained.countDown();
            return;
        }
        driver.request(payload).whenComplete((reply, error) -> {
            if (error == null) {
                replies.incrementAndGet();
            } else {
                failures.incrementAndGet();
            }
            next();
        });
    }

    private void awaitDrained() throws InterruptedException {
        if (!drained.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight after 30 s");
        }
    }
}

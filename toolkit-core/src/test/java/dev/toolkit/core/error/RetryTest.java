package dev.toolkit.core.error;

import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryTest {

    static final List<Duration> BOOK = BackoffTest.millis(100, 200, 400, 800, 1600);

    static OperationTimeoutException timeout(Duration wait) {
        return new OperationTimeoutException(OperationTimeoutException.Phase.READ, wait, "a reply", null);
    }

    static ConnectFailedException refused() {
        return new ConnectFailedException(new InetSocketAddress("127.0.0.1", 1060),
                ConnectFailedException.Reason.REFUSED, null);
    }

    @Test
    void retriesTimeoutsGivingEachAttemptItsWaitInOrder() {
        List<Duration> waits = new ArrayList<>();
        String reply = Retry.on(Backoff.book()).call((attempt, wait) -> {
            waits.add(wait);
            if (attempt < 4) {
                throw timeout(wait);
            }
            return "reply on attempt " + attempt;
        });
        assertEquals("reply on attempt 4", reply);
        assertEquals(BOOK.subList(0, 4), waits);
    }

    @Test
    void throwsTheLastFailureWhenTheScheduleRunsOut() {
        List<OperationTimeoutException> thrown = new ArrayList<>();
        OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                () -> Retry.on(Backoff.book()).call((attempt, wait) -> {
                    OperationTimeoutException t = timeout(wait);
                    thrown.add(t);
                    throw t;
                }));
        assertEquals(5, thrown.size());
        assertSame(thrown.get(4), e);
        assertEquals(Duration.ofMillis(1600), e.limit());
    }

    @Test
    void stopsAtOnceOnAFailureThatIsNotRetryable() {
        int[] attempts = {0};
        assertThrows(ConnectFailedException.class, () -> Retry.on(Backoff.book()).call((attempt, wait) -> {
            attempts[0]++;
            throw refused();
        }));
        assertEquals(1, attempts[0]);
    }

    @Test
    void nettyAndJdkFailuresAreMappedBeforeDeciding() {
        int[] attempts = {0};
        OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                () -> Retry.on(Backoff.builder().maxAttempts(3).build()).call((attempt, wait) -> {
                    attempts[0]++;
                    throw ReadTimeoutException.INSTANCE;
                }));
        assertEquals(3, attempts[0]);
        assertEquals(OperationTimeoutException.Phase.READ, e.phase());
        assertSame(ReadTimeoutException.INSTANCE, e.getCause());
    }

    @Test
    void retryIfChoosesWhatIsRetried() {
        List<Integer> attempts = new ArrayList<>();
        String result = Retry.on(Backoff.book()).retryIf(e -> e instanceof ConnectFailedException)
                .call((attempt, wait) -> {
                    attempts.add(attempt);
                    if (attempt < 3) {
                        throw refused();
                    }
                    return "connected";
                });
        assertEquals("connected", result);
        assertEquals(List.of(1, 2, 3), attempts);
        assertThrows(OperationTimeoutException.class, () -> Retry.on(Backoff.book())
                .retryIf(e -> e instanceof ConnectFailedException).call((attempt, wait) -> {
                    throw timeout(wait);
                }));
    }

    @Test
    void asyncAttemptsAreRetriedInOrderWithTheirWaits() throws Exception {
        List<Duration> waits = new ArrayList<>();
        CompletableFuture<String> result = Retry.on(Backoff.book()).callAsync((attempt, wait) -> {
            waits.add(wait);
            return attempt < 5 ? CompletableFuture.failedFuture(timeout(wait))
                    : CompletableFuture.completedFuture("fifth");
        });
        assertEquals("fifth", result.get(10, TimeUnit.SECONDS));
        assertEquals(BOOK, waits);
    }

    @Test
    void asyncFailsWithTheLastFailureOrTheFirstNonRetryableOne() {
        List<OperationTimeoutException> failures = new ArrayList<>();
        CompletableFuture<String> exhausted = Retry.on(Backoff.book()).callAsync((attempt, wait) -> {
            OperationTimeoutException t = timeout(wait);
            failures.add(t);
            return CompletableFuture.failedFuture(t);
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> exhausted.get(10, TimeUnit.SECONDS));
        assertSame(failures.get(4), e.getCause());

        int[] attempts = {0};
        CompletableFuture<String> refused = Retry.on(Backoff.book()).callAsync((attempt, wait) -> {
            attempts[0]++;
            throw refused();
        });
        ExecutionException r = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
        assertInstanceOf(ConnectFailedException.class, r.getCause());
        assertEquals(1, attempts[0]);
    }

    @Test
    void asyncPausesOnTheSchedulerBetweenAttempts() throws Exception {
        List<Long> pauses = new ArrayList<>();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                synchronized (pauses) {
                    pauses.add(unit.toMillis(delay));
                }
                return super.schedule(command, 0, unit);
            }
        };
        try {
            CompletableFuture<Integer> result = Retry.on(Backoff.book())
                    .retryIf(e -> e instanceof ConnectFailedException)
                    .callAsync((attempt, wait) -> attempt < 3 ? CompletableFuture.failedFuture(refused())
                            : CompletableFuture.completedFuture(attempt), scheduler);
            assertEquals(3, result.get(10, TimeUnit.SECONDS));
            synchronized (pauses) {
                assertEquals(List.of(100L, 200L), pauses);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}

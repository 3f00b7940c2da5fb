package dev.toolkit.core.error;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Retries an attempt on a {@link Backoff} schedule. Each attempt is given its wait (its time-out, as in the
 * book's UDP client, where the wait for a reply is what grows); attempts that fail with a retryable exception
 * are repeated, and when the schedule runs out the last failure is thrown.
 *
 * <pre>{@code
 * String reply = Retry.on(Backoff.book())
 *         .retryIf(e -> e instanceof OperationTimeoutException)
 *         .call((attempt, wait) -> askServer(wait));
 * }</pre>
 */
public final class Retry {

    private final Backoff backoff;
    private final Predicate<? super ToolkitException> retryable;

    private Retry(Backoff backoff, Predicate<? super ToolkitException> retryable) {
        this.backoff = backoff;
        this.retryable = retryable;
    }

    /** Retries on {@code backoff}, by default after time-outs only. */
    public static Retry on(Backoff backoff) {
        return new Retry(Objects.requireNonNull(backoff, "backoff"),
                e -> e instanceof OperationTimeoutException);
    }

    /** A copy that retries after failures matching {@code retryable} (other failures end at once). */
    public Retry retryIf(Predicate<? super ToolkitException> retryable) {
        return new Retry(backoff, Objects.requireNonNull(retryable, "retryable"));
    }

    /**
     * Runs attempts on the calling thread until one succeeds or the schedule runs out.
     *
     * @param attempt given the attempt number (from 1) and that attempt's wait
     * @return the first successful result
     * @throws ToolkitException the last attempt's failure, mapped to the toolkit family
     */
    public <T> T call(BiFunction<Integer, Duration, T> attempt) {
        List<Duration> delays = backoff.delays();
        ToolkitException last = null;
        for (int i = 0; i < delays.size(); i++) {
            try {
                return attempt.apply(i + 1, delays.get(i));
            } catch (RuntimeException e) {
                last = Exceptions.map(e);
                if (!retryable.test(last)) {
                    throw last;
                }
            }
        }
        throw last;
    }

    /**
     * Runs asynchronous attempts, each started as soon as the previous one failed; never blocks. Suits
     * attempts that fail by waiting out their own time-out (the wait they are given).
     *
     * @param attempt given the attempt number (from 1) and its wait; returns that attempt's future
     * @return the first successful result, or the last failure mapped to the toolkit family
     */
    public <T> CompletableFuture<T> callAsync(BiFunction<Integer, Duration, CompletableFuture<T>> attempt) {
        return callAsync(attempt, null);
    }

    /**
     * Like {@link #callAsync(BiFunction)}, but pauses each attempt's wait on {@code scheduler} before the next
     * one, for attempts that fail fast (a refused connection) rather than by waiting out their time-out.
     *
     * @param scheduler where the pauses are scheduled, or {@code null} for no pause
     */
    public <T> CompletableFuture<T> callAsync(BiFunction<Integer, Duration, CompletableFuture<T>> attempt,
                                              ScheduledExecutorService scheduler) {
        CompletableFuture<T> result = new CompletableFuture<>();
        next(attempt, backoff.delays(), 0, result, scheduler);
        return result;
    }

    private <T> void next(BiFunction<Integer, Duration, CompletableFuture<T>> attempt, List<Duration> delays,
                          int index, CompletableFuture<T> result, ScheduledExecutorService scheduler) {
        start(attempt, delays, index).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            ToolkitException mapped = Exceptions.map(error);
            if (!retryable.test(mapped) || index + 1 >= delays.size()) {
                result.completeExceptionally(mapped);
                return;
            }
            Runnable again = () -> next(attempt, delays, index + 1, result, scheduler);
            if (scheduler != null) {
                scheduler.schedule(again, delays.get(index).toNanos(), TimeUnit.NANOSECONDS);
            } else {
                again.run();
            }
        });
    }

    private static <T> CompletableFuture<T> start(BiFunction<Integer, Duration, CompletableFuture<T>> attempt,
                                                  List<Duration> delays, int index) {
        try {
            return Objects.requireNonNull(attempt.apply(index + 1, delays.get(index)), "attempt returned null");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

package dev.toolkit.http.mock;

import dev.toolkit.core.error.OperationTimeoutException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What a {@link MockHttpServer}'s connections share: the queue of scripted responses, the dispatcher, the
 * default answer, the recorded requests and the counters. Test threads and event loops use it at once, so
 * every queue is guarded by one lock; nothing here blocks.
 */
final class MockScript {

    private final Object lock = new Object();
    private final Deque<MockResponse> responses = new ArrayDeque<>();
    private final Deque<RecordedRequest> recorded = new ArrayDeque<>();
    private final Deque<CompletableFuture<RecordedRequest>> waiters = new ArrayDeque<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final MockResponse defaultResponse;
    private volatile Function<RecordedRequest, MockResponse> dispatcher;

    MockScript(MockResponse defaultResponse) {
        this.defaultResponse = defaultResponse;
    }

    void enqueue(MockResponse response) {
        synchronized (lock) {
            responses.addLast(response);
        }
    }

    void dispatcher(Function<RecordedRequest, MockResponse> dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Counts a new connection; returns its index. */
    int connectionOpened() {
        return connections.getAndIncrement();
    }

    int connectionCount() {
        return connections.get();
    }

    int requestCount() {
        return requests.get();
    }

    /**
     * Whether a new connection is to be closed before reading: the next response says
     * {@link SocketPolicy#CLOSE_AT_START} (and is used up), or, with nothing queued and no dispatcher, the
     * default one does.
     */
    boolean closeAtStart() {
        synchronized (lock) {
            MockResponse next = responses.peekFirst();
            if (next != null) {
                if (next.socketPolicy() == SocketPolicy.CLOSE_AT_START) {
                    responses.removeFirst();
                    return true;
                }
                return false;
            }
        }
        return dispatcher == null && defaultResponse.socketPolicy() == SocketPolicy.CLOSE_AT_START;
    }

    /** The next queued response, taken by a request whose head just arrived, or {@code null} if none is queued. */
    MockResponse takeQueued() {
        synchronized (lock) {
            return responses.pollFirst();
        }
    }

    /** Puts back a response taken by a request that failed before it could be answered. */
    void giveBack(MockResponse response) {
        synchronized (lock) {
            responses.addFirst(response);
        }
    }

    /** The answer to {@code Expect: 100-continue} when no queued response was taken: the fallback's. */
    MockResponse.ExpectContinue fallbackExpectContinue() {
        return dispatcher != null ? MockResponse.ExpectContinue.CONTINUE : defaultResponse.expectContinue();
    }

    /**
     * The answer for a request that took no queued response: the dispatcher's (a 500 naming its failure if
     * it throws or returns {@code null}), else the default one.
     */
    MockResponse fallback(RecordedRequest request) {
        Function<RecordedRequest, MockResponse> current = dispatcher;
        if (current == null) {
            return defaultResponse;
        }
        String problem;
        try {
            MockResponse response = current.apply(request);
            if (response != null) {
                return response;
            }
            problem = "the dispatcher returned null";
        } catch (RuntimeException e) {
            problem = "the dispatcher failed: " + e;
        }
        return MockResponse.builder().status(500).header("Content-Type", "text/plain; charset=utf-8")
                .body((problem + " for " + request.method() + " " + request.target() + "\n")
                        .getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** Records a request: hands it to the oldest waiting taker, or keeps it for the next one. */
    void record(RecordedRequest request) {
        requests.incrementAndGet();
        while (true) {
            CompletableFuture<RecordedRequest> waiter;
            synchronized (lock) {
                waiter = waiters.pollFirst();
                if (waiter == null) {
                    recorded.addLast(request);
                    return;
                }
            }
            // Completed outside the lock, since the taker's continuation may run here; a waiter that timed
            // out meanwhile refuses it, and the request goes to the next one.
            if (waiter.complete(request)) {
                return;
            }
        }
    }

    /**
     * The oldest recorded request not yet taken, at once or when it arrives; failed with an
     * {@link OperationTimeoutException} after {@code timeout}.
     */
    CompletableFuture<RecordedRequest> take(Duration timeout, String server) {
        CompletableFuture<RecordedRequest> waiter;
        synchronized (lock) {
            RecordedRequest next = recorded.pollFirst();
            if (next != null) {
                return CompletableFuture.completedFuture(next);
            }
            waiter = new CompletableFuture<>();
            waiters.addLast(waiter);
        }
        CompletableFuture<RecordedRequest> taken = waiter;
        taken.whenComplete((request, failure) -> {
            if (failure != null) {
                synchronized (lock) {
                    waiters.remove(taken);
                }
            }
        });
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() ->
                taken.completeExceptionally(new OperationTimeoutException(OperationTimeoutException.Phase.READ,
                        timeout, "no request reached " + server + " (" + requests.get() + " recorded so far)", null)));
        return taken;
    }
}

package dev.toolkit.core.error;

import io.netty.util.internal.ThreadExecutorMap;

import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The one way every blocking call of the toolkit waits: refused on an event loop thread (where waiting would
 * stall every connection of that loop, or wait for ever for work queued behind it), a failure mapped to a
 * {@link ToolkitException}, an interruption reported as {@link InterruptedOperationException} with the
 * thread's interrupt flag set again. Never a checked exception.
 */
public final class Blocking {

    private Blocking() {
    }

    /**
     * Refuses to block the current thread if it is a Netty event loop thread.
     *
     * @param operation the blocking call, named in the message
     * @throws IllegalStateException on an event loop thread
     */
    public static void refuseOnEventLoop(String operation) {
        if (ThreadExecutorMap.currentExecutor() != null) {
            throw new IllegalStateException("blocking call " + operation + " on event loop thread "
                    + Thread.currentThread().getName() + ": use its asynchronous form there");
        }
    }

    /**
     * Waits for {@code future} and returns its value.
     *
     * @param operation what is waited for, named in messages (e.g. {@code "receive from 127.0.0.1:1060"})
     * @throws ToolkitException the future's failure, mapped
     * @throws InterruptedOperationException if the thread is interrupted while it waits
     * @throws IllegalStateException on an event loop thread
     */
    public static <T> T await(CompletableFuture<T> future, String operation) {
        return await(future, operation, null);
    }

    /**
     * {@link #await(CompletableFuture, String)}, naming {@code remote} in a mapped failure.
     *
     * @param remote the peer the operation talks to, or {@code null}
     */
    public static <T> T await(CompletableFuture<T> future, String operation, SocketAddress remote) {
        refuseOnEventLoop(operation);
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw new InterruptedOperationException(operation, e);
        } catch (ExecutionException e) {
            throw Exceptions.map(e.getCause() == null ? e : e.getCause(), remote);
        }
    }

    /**
     * Refuses on an event loop thread first, then starts the asynchronous operation with {@code start} and waits
     * for it, so that nothing is started that the refused caller would never collect (a datagram taken off a
     * queue, a datagram sent).
     *
     * @param operation what is waited for, named in messages
     * @param remote the peer the operation talks to, named in a mapped failure, or {@code null}
     * @throws ToolkitException the operation's failure, mapped
     * @throws InterruptedOperationException if the thread is interrupted while it waits
     * @throws IllegalStateException on an event loop thread
     */
    public static <T> T call(String operation, SocketAddress remote, Supplier<CompletableFuture<T>> start) {
        refuseOnEventLoop(operation);
        return await(start.get(), operation, remote);
    }

    /**
     * Waits until {@code latch} is open.
     *
     * @param operation what is waited for, named in messages
     * @throws InterruptedOperationException if the thread is interrupted while it waits
     * @throws IllegalStateException on an event loop thread
     */
    public static void await(CountDownLatch latch, String operation) {
        refuseOnEventLoop(operation);
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new InterruptedOperationException(operation, e);
        }
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.error.Blocking;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a server's stop sequence once, whoever asks and however often. The first request runs it: on the
 * caller's thread, or on a new thread when the caller is one of the server's own threads (a handler calling
 * {@code close()}), since such a thread must neither block its connections nor wait for itself. A later
 * request with a zero grace hurries a stop in progress. Every caller that is not a server thread returns once
 * the server has stopped.
 */
final class ServerStop {

    private final String serverName;
    private final Consumer<Duration> sequence;
    private final Runnable hurry;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RunningServer<?> server;

    /**
     * @param serverName names the stopping thread
     * @param sequence the stop sequence, given the grace period; the server has stopped when it returns
     * @param hurry closes what is left at once, while a stop is in progress
     */
    ServerStop(String serverName, Consumer<Duration> sequence, Runnable hurry) {
        this.serverName = serverName;
        this.sequence = sequence;
        this.hurry = hurry;
    }

    /**
     * Asks the server to stop within {@code grace}.
     *
     * @param onServerThread whether the caller is one of the server's own threads
     */
    void request(Duration grace, boolean onServerThread) {
        boolean first = started.compareAndSet(false, true);
        if (!first && grace.isZero()) {
            hurry.run();
        }
        if (first && onServerThread) {
            Thread stopper = new Thread(() -> run(grace), serverName + "-stop");
            stopper.setDaemon(true);
            stopper.start();
        } else if (first) {
            run(grace);
        } else if (!onServerThread) {
            awaitUninterruptibly();
        }
    }

    /**
     * Blocks until the stop sequence has run.
     *
     * @throws dev.toolkit.core.error.InterruptedOperationException if the waiting thread is interrupted
     */
    void await() {
        Blocking.await(done, "awaitClosed of server " + serverName);
    }

    private void run(Duration grace) {
        try {
            sequence.accept(grace);
        } finally {
            if (server != null) {
                ServerSignals.forget(server);
            }
            done.countDown();
        }
    }

    /** Drains {@code server} on SIGTERM or SIGINT with {@code grace} (none if null) until it has stopped. */
    void watchSignals(RunningServer<?> server, Duration grace) {
        this.server = server;
        ServerSignals.watch(server, grace);
    }

    private void awaitUninterruptibly() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

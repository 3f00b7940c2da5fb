package dev.toolkit.core.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event loop of one {@link SocketAdapterChannel}: the thread that serves the connection (a blocking
 * server's worker, or the selector thread). {@link #inEventLoop(Thread)} is true on that thread only, so that
 * Netty hands every write, flush, close, listener and scheduled task made on another thread (a
 * {@code CompletableFuture} completed by a backend, say) to {@link #execute}, which queues it and wakes the
 * serving thread at once through the channel's {@link SocketAdapterChannel#tasksQueued()}.
 *
 * <p>Once the serving thread is done with the connection ({@link #retire()}), tasks still arriving (a late
 * answer to a closed connection) run on the thread that submits them, one thread at a time, so that their
 * writes fail and release their buffers instead of waiting for ever in the queue.
 */
final class ServingThreadLoop extends AbstractScheduledEventExecutor implements EventLoop {

    private final SocketAdapterChannel channel;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ReentrantLock retiredRunner = new ReentrantLock();
    /** Its listeners run on this loop (not on Netty's GlobalEventExecutor, whose thread is no daemon). */
    private final DefaultPromise<Void> terminated = new DefaultPromise<>(this);
    private volatile Thread owner;
    private volatile boolean retired;

    /** A loop owned by the calling thread. */
    ServingThreadLoop(SocketAdapterChannel channel) {
        this.channel = channel;
        this.owner = Thread.currentThread();
    }

    @Override
    public boolean inEventLoop(Thread thread) {
        return thread == owner;
    }

    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        tasks.add(task);
        if (retired) {
            runRetired();
        } else if (!inEventLoop()) {
            channel.tasksQueued();
        }
    }

    /** Whether tasks wait to be run. */
    boolean hasTasks() {
        return !tasks.isEmpty();
    }

    /**
     * Runs the queued tasks and the scheduled tasks that are due; on the serving thread.
     *
     * @return nanoseconds until the next scheduled task, or -1 if none
     */
    long runTasks() {
        if (retired) {
            // Tasks now run where they are sent, and nothing is scheduled any more.
            return -1;
        }
        runQueued();
        long now = ticker().nanoTime();
        for (Runnable due = pollScheduledTask(now); due != null; due = pollScheduledTask(now)) {
            safeExecute(due);
            runQueued();
        }
        return nextScheduledTaskNano();
    }

    private void runQueued() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            safeExecute(task);
        }
    }

    /** Called by the serving thread once it is done with the connection; from then on tasks run where sent. */
    void retire() {
        retiredRunner.lock();
        try {
            retired = true;
            runQueued();
            cancelScheduledTasks();
            owner = null;
        } finally {
            retiredRunner.unlock();
        }
        runRetired();
        terminated.trySuccess(null);
    }

    private void runRetired() {
        // Whoever holds the lock runs everything queued; whoever adds while it is held finds the task run, or
        // sees it still queued once the holder let go and runs it.
        while (!tasks.isEmpty() && retiredRunner.tryLock()) {
            owner = Thread.currentThread();
            try {
                runQueued();
                cancelScheduledTasks();
            } finally {
                owner = null;
                retiredRunner.unlock();
            }
        }
    }

    // ---- EventLoop: this loop serves its one channel and is never shut down by itself

    @Override
    public EventLoopGroup parent() {
        return null;
    }

    @Override
    public EventLoop next() {
        return this;
    }

    @Override
    public ChannelFuture register(Channel channel) {
        throw new UnsupportedOperationException("a socket adapter's loop serves only its own connection");
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        throw new UnsupportedOperationException("a socket adapter's loop serves only its own connection");
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        throw new UnsupportedOperationException("a socket adapter's loop serves only its own connection");
    }

    @Override
    public boolean isShuttingDown() {
        return retired;
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        return terminationFuture();
    }

    @Override
    public Future<?> terminationFuture() {
        return terminated;
    }

    @Override
    @Deprecated
    public void shutdown() {
        // Ends with the connection (retire), never on request.
    }

    @Override
    public boolean isShutdown() {
        return retired;
    }

    @Override
    public boolean isTerminated() {
        return terminated.isDone();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }
}

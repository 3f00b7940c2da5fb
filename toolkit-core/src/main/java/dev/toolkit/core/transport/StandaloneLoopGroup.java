package dev.toolkit.core.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.DefaultEventExecutorChooserFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorChooserFactory.EventExecutorChooser;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event loop group of standalone single-thread loops that reports its own termination.
 *
 * <p>Why not Netty's {@code MultiThreadIoEventLoopGroup}: it learns of its loops' termination through listeners
 * on their termination futures, and Netty runs those listeners on its {@code GlobalEventExecutor}, whose thread
 * is no daemon and lives on for a second after its last task, so a JVM whose {@code main} has returned lingers.
 * Here each loop's thread tells the group itself when its loop has terminated (the loop completes its own
 * termination inside the thread's task), and the group's termination future completes on that thread.
 */
final class StandaloneLoopGroup extends AbstractEventExecutorGroup implements IoEventLoopGroup {

    private final IoEventLoop[] loops;
    private final List<EventExecutor> readOnlyLoops;
    private final EventExecutorChooser chooser;
    private final AtomicInteger running;
    private final Promise<Void> terminated = ImmediateEventExecutor.INSTANCE.newPromise();

    StandaloneLoopGroup(int threads, ThreadFactory threadFactory, IoHandlerFactory ioHandlerFactory) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        loops = new IoEventLoop[threads];
        running = new AtomicInteger(threads);
        for (int i = 0; i < threads; i++) {
            LoopThreads executor = new LoopThreads(threadFactory);
            SingleThreadIoEventLoop loop = new SingleThreadIoEventLoop(this, executor, ioHandlerFactory);
            executor.loop = loop;
            loops[i] = loop;
        }
        readOnlyLoops = Collections.unmodifiableList(Arrays.asList((EventExecutor[]) loops));
        chooser = DefaultEventExecutorChooserFactory.INSTANCE.newChooser(loops);
    }

    /** Starts each loop's thread and reports the loop's termination to the group when that thread ends. */
    private final class LoopThreads implements Executor {
        private final ThreadFactory threadFactory;
        private final AtomicBoolean reported = new AtomicBoolean();
        private volatile SingleThreadIoEventLoop loop;

        LoopThreads(ThreadFactory threadFactory) {
            this.threadFactory = threadFactory;
        }

        @Override
        public void execute(Runnable loopTask) {
            threadFactory.newThread(() -> {
                try {
                    loopTask.run();
                } finally {
                    // The task also returns when a loop is suspended, to resume on another thread later.
                    if (loop.isTerminated() && reported.compareAndSet(false, true)
                            && running.decrementAndGet() == 0) {
                        terminated.trySuccess(null);
                    }
                }
            }).start();
        }
    }

    @Override
    public IoEventLoop next() {
        return (IoEventLoop) chooser.next();
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return readOnlyLoops.iterator();
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return next().register(channel, promise);
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        for (IoEventLoop loop : loops) {
            loop.shutdownGracefully(quietPeriod, timeout, unit);
        }
        return terminated;
    }

    @Override
    public Future<?> terminationFuture() {
        return terminated;
    }

    @Override
    @Deprecated
    public void shutdown() {
        for (IoEventLoop loop : loops) {
            loop.shutdown();
        }
    }

    @Override
    public boolean isShuttingDown() {
        return Arrays.stream(loops).allMatch(EventExecutor::isShuttingDown);
    }

    @Override
    public boolean isShutdown() {
        return Arrays.stream(loops).allMatch(EventExecutor::isShutdown);
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

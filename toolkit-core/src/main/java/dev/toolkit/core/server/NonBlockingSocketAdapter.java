package dev.toolkit.core.server;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * A connection on a non-blocking {@code java.nio} socket under the selector server: reads when the selector
 * says the socket is readable, writes what the socket takes and leaves the rest queued (counted against the
 * water marks) until the selector says it is writable again. A task queued from another thread is reported
 * to the server, which wakes its selector and runs the connection's tasks.
 */
final class NonBlockingSocketAdapter extends SocketAdapterChannel {

    /** {@link #nextTaskAt} when no task is scheduled. */
    static final long NO_TASK = Long.MAX_VALUE;

    private final Consumer<NonBlockingSocketAdapter> tasksQueued;
    SelectionKey key;
    /** {@link System#nanoTime()} when the next scheduled task is due, or {@link #NO_TASK}. */
    long nextTaskAt = NO_TASK;

    /**
     * @param socket the connected socket, non-blocking
     * @param tasksQueued told, on any thread, that another thread queued a task for this connection
     */
    NonBlockingSocketAdapter(SocketChannel socket, boolean allowHalfClosure,
                             Consumer<NonBlockingSocketAdapter> tasksQueued) {
        super(socket, allowHalfClosure);
        this.tasksQueued = tasksQueued;
    }

    @Override
    void wakeUp() {
        tasksQueued.accept(this);
    }

    /** Runs due tasks and records when the next one is due. */
    void runTasksAndSchedule() {
        long next = runTasks();
        nextTaskAt = next < 0 ? NO_TASK : System.nanoTime() + next;
    }
}

package dev.toolkit.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection on a non-blocking {@code java.nio} socket under the selector server: reads when the selector
 * says the socket is readable, writes what the socket takes and leaves the rest queued (counted against the
 * water marks) until the selector says it is writable again.
 */
final class NonBlockingSocketAdapter extends SocketAdapterChannel {

    /** {@link #nextTaskAt} when no task is scheduled. */
    static final long NO_TASK = Long.MAX_VALUE;

    private final SocketChannel socket;
    SelectionKey key;
    /** {@link System#nanoTime()} when the next scheduled task is due, or {@link #NO_TASK}. */
    long nextTaskAt = NO_TASK;

    NonBlockingSocketAdapter(SocketChannel socket, boolean allowHalfClosure) {
        super(socket.socket(), allowHalfClosure);
        this.socket = socket;
    }

    @Override
    int readSocket(ByteBuf buf) throws IOException {
        return buf.writeBytes(socket, buf.writableBytes());
    }

    @Override
    int writeSocket(ByteBuf buf) throws IOException {
        return buf.getBytes(buf.readerIndex(), socket, buf.readableBytes());
    }

    @Override
    long writeSocket(FileRegion region) throws IOException {
        return region.transferTo(socket, region.transferred());
    }

    @Override
    ByteBuf newReadBuffer() {
        return alloc().ioBuffer(READ_BUFFER_SIZE);
    }

    /** Runs due tasks and records when the next one is due. */
    void runTasksAndSchedule() {
        long next = runTasks();
        nextTaskAt = next < 0 ? NO_TASK : System.nanoTime() + next;
    }
}

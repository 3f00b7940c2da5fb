package dev.toolkit.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A connection on a blocking {@code java.net} socket, served to its end by one thread ({@link #serve()}).
 * Reads block, with SO_TIMEOUT set to when the next scheduled task (a time-out) is due; writes block until the
 * socket has taken every byte, which is the back-pressure of a blocking server.
 */
final class BlockingSocketAdapter extends SocketAdapterChannel {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private volatile Thread servingThread;
    /** {@link System#nanoTime()} when the write in progress began, or 0 when none is. */
    private volatile long writeSince;
    private volatile boolean writeTimedOut;
    private final Duration writeTimeout;

    /** @param writeTimeout how long a write may block before {@link #cutIfWriteBlocked} cuts it; {@code null} for ever */
    BlockingSocketAdapter(Socket socket, boolean allowHalfClosure, Duration writeTimeout) throws IOException {
        super(socket, allowHalfClosure);
        this.writeTimeout = writeTimeout;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    int readSocket(ByteBuf buf) throws IOException {
        try {
            return buf.writeBytes(in, buf.writableBytes());
        } catch (SocketTimeoutException e) {
            // The wait ended because a scheduled task is due, not because the peer failed.
            return 0;
        }
    }

    @Override
    int writeSocket(ByteBuf buf) throws IOException {
        int n = buf.readableBytes();
        beginWrite();
        try {
            buf.getBytes(buf.readerIndex(), out, n);
        } catch (IOException e) {
            throw writeFailed(e, n);
        } finally {
            writeSince = 0;
        }
        return n;
    }

    @Override
    long writeSocket(FileRegion region) throws IOException {
        beginWrite();
        try {
            return region.transferTo(Channels.newChannel(out), region.transferred());
        } catch (IOException e) {
            throw writeFailed(e, region.count() - region.transferred());
        } finally {
            writeSince = 0;
        }
    }

    private void beginWrite() {
        if (writeTimeout != null) {
            // 0 means "no write in progress".
            writeSince = System.nanoTime() | 1;
        }
    }

    private IOException writeFailed(IOException e, long bytes) {
        if (writeTimedOut) {
            // Reported as the event loop reports a peer that does not read; the transport then closes.
            pipeline().fireExceptionCaught(dev.toolkit.core.pipeline.TimeoutHandler.peerNotReading(writeTimeout,
                    this, bytes));
        }
        return e;
    }

    /**
     * Cuts the connection if a write has been blocked longer than the write time-out: closes the socket, which
     * ends the blocked write with an error on the serving thread. Called by the server's watchdog thread.
     */
    void cutIfWriteBlocked(long now) {
        long since = writeSince;
        if (since != 0 && now - since >= writeTimeout.toNanos() && !writeTimedOut) {
            writeTimedOut = true;
            closeSocket();
        }
    }

    @Override
    ByteBuf newReadBuffer() {
        return alloc().heapBuffer(READ_BUFFER_SIZE);
    }

    /** Serves the connection on the calling thread until it closes. */
    void serve() {
        servingThread = Thread.currentThread();
        try {
            while (isOpen() && !stopped()) {
                long next = runTasks();
                if (!isOpen() || stopped()) {
                    break;
                }
                if (wantsRead()) {
                    if (setTimeout(next)) {
                        readOnce();
                    }
                } else if (next < 0) {
                    // Nothing to read and nothing scheduled: wait for the server to stop this connection.
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, next);
                }
            }
        } finally {
            servingThread = null;
            finishServing();
        }
    }

    /** Closes the socket from another thread: the serving thread wakes up and closes the channel. */
    void stop() {
        markStopped();
        closeSocket();
        Thread t = servingThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private boolean setTimeout(long nanos) {
        try {
            socket.setSoTimeout(nanos < 0 ? 0
                    : (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999))));
            return true;
        } catch (IOException e) {
            // The socket was closed under us (the server is stopping); the loop notices.
            markStopped();
            return false;
        }
    }
}

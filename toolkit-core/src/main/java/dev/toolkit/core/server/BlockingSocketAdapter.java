package dev.toolkit.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
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

    BlockingSocketAdapter(Socket socket, boolean allowHalfClosure) throws IOException {
        super(socket, allowHalfClosure);
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
        buf.getBytes(buf.readerIndex(), out, n);
        return n;
    }

    @Override
    long writeSocket(FileRegion region) throws IOException {
        return region.transferTo(Channels.newChannel(out), region.transferred());
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

package dev.toolkit.core.server;

import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.pipeline.ClientAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A connection on a blocking {@code java.net} socket, served to its end by one thread ({@link #serve()}).
 * Reads block, with SO_TIMEOUT set to when the next scheduled task (a time-out) is due; writes block until the
 * socket has taken every byte, which is the back-pressure of a blocking server.
 */
final class BlockingSocketAdapter extends SocketAdapterChannel {

    /** Bytes handed to the socket per blocking write. */
    private static final int WRITE_PIECE = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private volatile Thread servingThread;
    /** {@link System#nanoTime()} when the write in progress began, or 0 when none is. */
    private volatile long writeSince;
    private volatile boolean writeTimedOut;
    private final Duration writeTimeout;
    private final PieceChannel pieces;

    /** @param writeTimeout how long a write may block before {@link #cutIfWriteBlocked} cuts it; {@code null} for ever */
    BlockingSocketAdapter(Socket socket, boolean allowHalfClosure, Duration writeTimeout) throws IOException {
        super(socket, allowHalfClosure);
        this.writeTimeout = writeTimeout;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.pieces = new PieceChannel();
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
        int done = 0;
        try {
            // In pieces, so that the write time-out measures a peer taking nothing, not a big slow answer.
            while (done < n) {
                int piece = Math.min(WRITE_PIECE, n - done);
                beginWrite();
                buf.getBytes(buf.readerIndex() + done, out, piece);
                done += piece;
            }
        } catch (IOException e) {
            throw writeFailed(e, n - done);
        } finally {
            writeSince = 0;
        }
        return n;
    }

    @Override
    long writeSocket(FileRegion region) throws IOException {
        try {
            return region.transferTo(pieces, region.transferred());
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

    /** The socket's output as a channel that writes in pieces, each restarting the write clock. */
    private final class PieceChannel implements WritableByteChannel {
        private final WritableByteChannel target = Channels.newChannel(out);

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = 0;
            while (src.hasRemaining()) {
                ByteBuffer piece = src.slice();
                piece.limit(Math.min(piece.remaining(), WRITE_PIECE));
                beginWrite();
                int written = target.write(piece);
                src.position(src.position() + written);
                n += written;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }

    private IOException writeFailed(IOException e, long bytes) {
        if (writeTimedOut) {
            // Reported as the event loop reports a peer that does not read; the transport then closes.
            pipeline().fireExceptionCaught(OperationTimeoutException.peerNotReading(writeTimeout,
                    ClientAddress.of(this), bytes));
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

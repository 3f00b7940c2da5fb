package dev.toolkit.tcp;

import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ToolkitException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One client connection of a {@link TcpClient}, usable asynchronously ({@link #write}, returning futures) and
 * with blocking calls like a Python socket's ({@link #sendAll}, {@link #receive}, {@link #receiveExactly},
 * {@link #receiveUntil}), which must never be called on an event loop thread.
 *
 * <p>Back-pressure both ways: {@link #sendAll} waits while the connection is not writable, and a write that
 * would queue more than the client's {@code maxPendingWriteBytes} fails with a clear error and closes the
 * connection; bytes not yet received stop the socket being read once 256 KiB wait. Half-close both ways with
 * {@link #shutdownOutput()} and {@link #shutdownInput()}: after the peer shuts down its output, receiving
 * reports the end of input and sending still works.
 */
public final class TcpConnection implements AutoCloseable {

    /** Bytes written per piece by {@link #sendAll}, so that writability is checked between pieces. */
    private static final int SEND_PIECE = 64 * 1024;

    private final Channel channel;
    private final InboundQueue inbound;
    private final Duration readTimeout;

    TcpConnection(Channel channel, InboundQueue inbound, Duration readTimeout) {
        this.channel = channel;
        this.inbound = inbound;
        this.readTimeout = readTimeout;
    }

    /** The Netty channel, to add handlers or write messages directly. */
    public Channel channel() {
        return channel;
    }

    /** This end's address. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The server's address. */
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    /** Whether bytes written now would be sent without queueing beyond the high water mark. */
    public boolean isWritable() {
        return channel.isWritable();
    }

    /** Whether the connection is open. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Writes and flushes {@code bytes} (released once sent or refused).
     *
     * @return completes when the bytes are in the socket; fails with a {@link ToolkitException}
     */
    public CompletableFuture<Void> write(ByteBuf bytes) {
        return toFuture(channel.writeAndFlush(bytes));
    }

    /**
     * Sends every byte, like Python's {@code sendall()}: returns once all are in the socket, waiting while the
     * connection is not writable. An interrupt ends the wait with an exception.
     *
     * @throws ToolkitException if the connection fails or closes first
     */
    public void sendAll(byte[] bytes) {
        checkNotOnEventLoop();
        ChannelFuture last = null;
        for (int i = 0; i < bytes.length || last == null; i += SEND_PIECE) {
            int n = Math.min(SEND_PIECE, bytes.length - i);
            last = channel.writeAndFlush(Unpooled.wrappedBuffer(bytes, i, n));
            if (!channel.isWritable()) {
                await(last);
            }
        }
        await(last);
    }

    /**
     * Waits for bytes, like Python's {@code recv(max)}.
     *
     * @return up to {@code max} bytes; an empty array at the end of input
     * @throws OperationTimeoutException when the client's read time-out passes first
     * @throws ToolkitException the failure that ended the connection
     */
    public byte[] receive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        checkNotOnEventLoop();
        ByteBuf buf;
        try {
            buf = inbound.take(max, readTimeout == null ? -1 : readTimeout.toNanos());
        } catch (TimeoutException e) {
            throw new OperationTimeoutException(OperationTimeoutException.Phase.READ, readTimeout,
                    "waiting for " + remoteAddress(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolkitException(dev.toolkit.core.error.ErrorKind.IO, "interrupted while receiving", e);
        } catch (Exception e) {
            throw Exceptions.map(e, channel.remoteAddress());
        }
        if (buf == null) {
            return new byte[0];
        }
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /**
     * Receives exactly {@code n} bytes.
     *
     * @throws ConnectionClosedException if the input ends first (naming how many bytes had arrived)
     */
    public byte[] receiveExactly(int n) {
        ByteArrayOutputStream got = new ByteArrayOutputStream(n);
        while (got.size() < n) {
            byte[] more = receive(n - got.size());
            if (more.length == 0) {
                throw new ConnectionClosedException(ConnectionClosedException.Side.REMOTE,
                        "receiving " + n + " bytes", got.size(), null);
            }
            got.writeBytes(more);
        }
        return got.toByteArray();
    }

    /**
     * Receives until the bytes end with {@code suffix} (included), like the book's {@code recv_until}.
     *
     * @param max the most bytes to accept before giving up with a {@link dev.toolkit.core.error.ProtocolViolationException}
     * @throws ConnectionClosedException if the input ends first (naming how many bytes had arrived)
     */
    public byte[] receiveUntil(byte suffix, int max) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (true) {
            byte[] more = receive(1);
            if (more.length == 0) {
                throw new ConnectionClosedException(ConnectionClosedException.Side.REMOTE,
                        "receiving up to '" + (char) suffix + "'", got.size(), null);
            }
            got.write(more[0]);
            if (more[0] == suffix) {
                return got.toByteArray();
            }
            if (got.size() >= max) {
                throw new dev.toolkit.core.error.ProtocolViolationException("no '" + (char) suffix + "' within "
                        + max + " bytes", dev.toolkit.core.error.Excerpts.of(got.toByteArray()), null);
            }
        }
    }

    /** Half-closes: sends what was written, then FIN (Python's {@code shutdown(SHUT_WR)}); reading goes on. */
    public CompletableFuture<Void> shutdownOutput() {
        return toFuture(((DuplexChannel) channel).shutdownOutput());
    }

    /** Half-closes the input (Python's {@code shutdown(SHUT_RD)}); writing goes on. */
    public CompletableFuture<Void> shutdownInput() {
        return toFuture(((DuplexChannel) channel).shutdownInput());
    }

    /** Completes when the connection has closed, whichever side closed it. */
    public CompletableFuture<Void> closeFuture() {
        return toFuture(channel.closeFuture());
    }

    /** Closes the connection (what was not yet sent is dropped) and waits for it to close. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private void checkNotOnEventLoop() {
        if (channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("blocking call on the connection's event loop");
        }
    }

    private void await(ChannelFuture f) {
        try {
            f.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolkitException(dev.toolkit.core.error.ErrorKind.IO, "interrupted while sending", e);
        }
        if (!f.isSuccess()) {
            throw Exceptions.map(f.cause(), channel.remoteAddress());
        }
    }

    private CompletableFuture<Void> toFuture(ChannelFuture f) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        f.addListener(done -> {
            if (done.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(Exceptions.map(done.cause(), channel.remoteAddress()));
            }
        });
        return result;
    }
}

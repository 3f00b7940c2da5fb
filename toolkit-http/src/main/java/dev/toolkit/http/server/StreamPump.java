package dev.toolkit.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Copies a stream body to the connection on the worker pool, a piece at a time, and stops reading the stream
 * while the connection is not writable ({@link #resume()} carries on). At the end it writes the last content
 * and reports the bytes sent; a stream that fails, or that ends short of its announced length, closes the
 * connection, since the response can no longer be framed.
 */
final class StreamPump implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    static final int PIECE = 16 * 1024;

    private final Channel channel;
    private final InputStream in;
    private final long length;
    private final Executor workers;
    private final LongConsumer done;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean paused;
    private long sent;

    /**
     * @param length the announced length, or {@code -1}
     * @param done called with the bytes sent once the last content is written, or with {@code -1} when the
     *     connection had to be closed
     */
    StreamPump(Channel channel, InputStream in, long length, Executor workers, LongConsumer done) {
        this.channel = channel;
        this.in = in;
        this.length = length;
        this.workers = workers;
        this.done = done;
    }

    /** Starts (or carries on) copying on the worker pool. */
    void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        paused = false;
        try {
            workers.execute(this);
        } catch (RejectedExecutionException e) {
            running.set(false);
            LOG.warn("no worker free to send a stream body to {}: closing the connection", channel.remoteAddress());
            finish(-1);
        }
    }

    /** Carries on after the connection became writable again, if the copy was paused. */
    void resume() {
        if (paused && channel.isWritable()) {
            start();
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                if (!channel.isActive()) {
                    finish(-1);
                    return;
                }
                if (!channel.isWritable()) {
                    paused = true;
                    running.set(false);
                    // The channel may have become writable between the check and the flag.
                    if (channel.isWritable()) {
                        resume();
                    }
                    return;
                }
                int want = length < 0 ? PIECE : (int) Math.min(PIECE, length - sent);
                if (want == 0) {
                    end();
                    return;
                }
                ByteBuf piece = channel.alloc().buffer(want);
                int n;
                try {
                    n = piece.writeBytes(in, want);
                } catch (IOException | RuntimeException e) {
                    piece.release();
                    throw e;
                }
                if (n < 0) {
                    piece.release();
                    if (length >= 0 && sent < length) {
                        LOG.warn("stream body ended after {} of its {} bytes: closing the connection to {}", sent,
                                length, channel.remoteAddress());
                        finish(-1);
                        return;
                    }
                    end();
                    return;
                }
                sent += n;
                channel.writeAndFlush(new DefaultHttpContent(piece));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("stream body failed after {} bytes: closing the connection to {}", sent, channel.remoteAddress(),
                    e);
            finish(-1);
        }
    }

    private void end() {
        closeStream();
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                done.accept(sent);
            } else {
                done.accept(-1);
            }
        });
    }

    private void finish(long result) {
        closeStream();
        channel.close();
        channel.eventLoop().execute(() -> done.accept(result));
    }

    private void closeStream() {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing a stream body failed", e);
        }
    }
}

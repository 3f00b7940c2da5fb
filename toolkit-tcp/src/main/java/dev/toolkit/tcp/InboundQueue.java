package dev.toolkit.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The last protocol handler of a client connection: keeps the bytes that reach it for a thread that reads
 * them with blocking calls ({@link TcpConnection#receive}). Reading from the socket stops while more than
 * {@link #HIGH} bytes wait here and resumes below {@link #LOW}, so a slow reader slows the peer down (TCP flow
 * control) instead of filling memory. Other messages pass on. One instance per connection.
 */
final class InboundQueue extends ChannelInboundHandlerAdapter {

    static final String NAME = "tcp-inbound-queue";
    static final int HIGH = 256 * 1024;
    static final int LOW = 64 * 1024;

    private final Deque<ByteBuf> chunks = new ArrayDeque<>();
    private Channel channel;
    private long queued;
    private boolean paused;
    private boolean ended;
    private Throwable failure;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        synchronized (this) {
            if (ended || !buf.isReadable()) {
                buf.release();
                return;
            }
            chunks.add(buf);
            queued += buf.readableBytes();
            if (queued >= HIGH && ctx.channel().config().isAutoRead()) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
            }
            notifyAll();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            end(null);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(cause);
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public synchronized void handlerRemoved(ChannelHandlerContext ctx) {
        ended = true;
        chunks.forEach(ReferenceCountUtil::release);
        chunks.clear();
        queued = 0;
        notifyAll();
    }

    private synchronized void end(Throwable cause) {
        if (failure == null && cause != null) {
            failure = cause;
        }
        ended = true;
        notifyAll();
    }

    /**
     * Waits for bytes and takes up to {@code max} of them.
     *
     * @param timeoutNanos how long to wait; negative for no limit
     * @return the bytes (the caller releases them), or {@code null} at the end of input
     * @throws Throwable the failure that ended the connection, if one did, when no bytes are left
     * @throws java.util.concurrent.TimeoutException if nothing arrived in time
     */
    ByteBuf take(int max, long timeoutNanos) throws Exception {
        ByteBuf taken;
        boolean resume;
        synchronized (this) {
            long deadline = System.nanoTime() + timeoutNanos;
            while (chunks.isEmpty() && !ended) {
                if (timeoutNanos < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new java.util.concurrent.TimeoutException();
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            ByteBuf head = chunks.peek();
            if (head == null) {
                if (failure instanceof Exception) {
                    throw (Exception) failure;
                }
                return null;
            }
            if (head.readableBytes() <= max) {
                taken = chunks.poll();
            } else {
                taken = head.readRetainedSlice(max);
            }
            queued -= taken.readableBytes();
            resume = paused && queued < LOW;
            if (resume) {
                paused = false;
            }
        }
        if (resume) {
            channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
        }
        return taken;
    }
}

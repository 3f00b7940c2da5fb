package dev.toolkit.tcp;

import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.error.UnexpectedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The last protocol handler of a client connection: every message the protocol's handlers pass on (byte
 * buffers, empty ones included, strings, JSON trees, any object) answers the oldest pending request, or else
 * waits here, in order, for a thread that takes it with a blocking call ({@link TcpConnection#receive()}).
 *
 * <p>Reading from the socket stops while more than {@link #HIGH} bytes or {@link #HIGH_MESSAGES} messages
 * wait here and resumes below {@link #LOW} and {@link #LOW_MESSAGES}, so a slow reader slows the peer down
 * (TCP flow control) instead of filling memory. When the input ends, the connection closes or fails, every
 * pending request fails with the toolkit exception of the cause; messages still waiting can be taken, and
 * after them the takers get the end (or the failure). Messages left when the handler is removed are released.
 * One instance per connection.
 */
final class InboundQueue extends ChannelDuplexHandler {

    static final String NAME = "tcp-inbound-queue";
    static final int HIGH = 256 * 1024;
    static final int LOW = 64 * 1024;
    static final int HIGH_MESSAGES = 1024;
    static final int LOW_MESSAGES = 256;

    private final MessageTypes types;
    private final Deque<Object> messages = new ArrayDeque<>();
    private final Deque<CompletableFuture<Object>> requests = new ArrayDeque<>();
    private Channel channel;
    private long queuedBytes;
    private boolean paused;
    private boolean ended;
    private boolean closedLocally;
    private ToolkitException failure;

    /** A queue whose typed takes convert with {@code types}. */
    InboundQueue(MessageTypes types) {
        this.types = types;
    }

    /** How this connection's messages are turned into the types callers ask for. */
    MessageTypes types() {
        return types;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        CompletableFuture<Object> answered;
        synchronized (this) {
            if (ended) {
                ReferenceCountUtil.release(msg);
                return;
            }
            answered = requests.poll();
            if (answered == null) {
                messages.add(msg);
                queuedBytes += bytesOf(msg);
                if ((queuedBytes >= HIGH || messages.size() >= HIGH_MESSAGES) && ctx.channel().config().isAutoRead()) {
                    paused = true;
                    ctx.channel().config().setAutoRead(false);
                }
                notifyAll();
                return;
            }
        }
        if (!answered.complete(msg)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            end(null, "the server shut down its output");
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(null, "the connection closed");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(cause, null);
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        synchronized (this) {
            closedLocally = true;
        }
        super.close(ctx, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        end(null, "the connection closed");
        synchronized (this) {
            messages.forEach(ReferenceCountUtil::release);
            messages.clear();
            queuedBytes = 0;
            notifyAll();
        }
    }

    /** Ends the input (with {@code cause} when it failed) and fails every pending request. */
    private void end(Throwable cause, String why) {
        List<CompletableFuture<Object>> unanswered;
        ToolkitException reason;
        synchronized (this) {
            if (failure == null && cause != null) {
                failure = Exceptions.map(cause, channel == null ? null : channel.remoteAddress());
            }
            ended = true;
            notifyAll();
            if (requests.isEmpty()) {
                return;
            }
            unanswered = new ArrayList<>(requests);
            requests.clear();
            reason = failure != null ? failure : closed(why, unanswered.size());
        }
        unanswered.forEach(request -> request.completeExceptionally(reason));
    }

    private ConnectionClosedException closed(String why, int unanswered) {
        return new ConnectionClosedException(closedLocally ? ConnectionClosedException.Side.LOCAL
                : ConnectionClosedException.Side.REMOTE, (why == null ? "the connection closed" : why)
                + " with " + unanswered + " request(s) unanswered" + peer(), 0, null);
    }

    private String peer() {
        return channel == null || channel.remoteAddress() == null ? "" : " (" + channel.remoteAddress() + ")";
    }

    /**
     * The future of the next message nobody has taken yet: the oldest one waiting here, or else the first to
     * arrive after the requests already pending. Fails at once when the input has ended.
     */
    CompletableFuture<Object> claim() {
        CompletableFuture<Object> next = new CompletableFuture<>();
        boolean resume;
        synchronized (this) {
            Object waiting = messages.poll();
            if (waiting == null) {
                if (ended) {
                    next.completeExceptionally(failure != null ? failure : closed("the input ended", 1));
                } else {
                    requests.add(next);
                }
                return next;
            }
            resume = taken(bytesOf(waiting));
            next.complete(waiting);
        }
        resumeIf(resume);
        return next;
    }

    /**
     * Withdraws a claim whose request could not be sent.
     *
     * @return whether it was still pending (it is then failed with {@code cause}); when not, it has its answer
     */
    boolean withdraw(CompletableFuture<Object> claim, Throwable cause) {
        boolean pending;
        synchronized (this) {
            pending = requests.remove(claim);
        }
        if (pending) {
            claim.completeExceptionally(cause);
        }
        return pending;
    }

    /**
     * Waits for the next message and takes it as a {@code type}.
     *
     * @param timeoutNanos how long to wait; negative for no limit
     * @return the message (the caller owns it), or {@code null} at the end of input
     * @throws UnexpectedMessageException if it is not a {@code type} and cannot be made one; it stays first
     * @throws ToolkitException the failure that ended the connection, once no message is left
     * @throws TimeoutException if nothing arrived in time
     */
    <T> T take(Class<T> type, long timeoutNanos) throws InterruptedException, TimeoutException {
        T taken;
        boolean resume;
        synchronized (this) {
            Object head = awaitHead(timeoutNanos, false);
            if (head == null) {
                return null;
            }
            long bytes = bytesOf(head);
            taken = types.as(head, type);
            messages.poll();
            resume = taken(bytes);
        }
        resumeIf(resume);
        return taken;
    }

    /**
     * Waits for bytes and takes up to {@code max} of them; empty buffers (empty frames) carry none and are
     * skipped.
     *
     * @param timeoutNanos how long to wait; negative for no limit
     * @return the bytes (the caller releases them), or {@code null} at the end of input
     * @throws UnexpectedMessageException if the next message is not bytes; it stays first
     * @throws ToolkitException the failure that ended the connection, once no bytes are left
     * @throws TimeoutException if nothing arrived in time
     */
    ByteBuf takeBytes(int max, long timeoutNanos) throws InterruptedException, TimeoutException {
        ByteBuf taken;
        boolean resume;
        synchronized (this) {
            Object head = awaitHead(timeoutNanos, true);
            if (head == null) {
                return null;
            }
            if (!(head instanceof ByteBuf)) {
                throw UnexpectedMessageException.inbound(ByteBuf.class, head,
                        "a byte-stream call met a message the protocol's handlers made; use receive()");
            }
            ByteBuf bytes = (ByteBuf) head;
            if (bytes.readableBytes() <= max) {
                taken = (ByteBuf) messages.poll();
            } else {
                taken = bytes.readRetainedSlice(max);
            }
            resume = taken(taken.readableBytes());
        }
        resumeIf(resume);
        return taken;
    }

    /** Whether anything waits to be taken. */
    synchronized boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * Waits, holding this object's lock, for a first message ({@code skipEmpty}: one with bytes, dropping empty
     * buffers on the way).
     *
     * @return it, left in place; {@code null} when the input ended cleanly
     */
    private Object awaitHead(long timeoutNanos, boolean skipEmpty) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            if (skipEmpty) {
                while (messages.peek() instanceof ByteBuf && !((ByteBuf) messages.peek()).isReadable()) {
                    ReferenceCountUtil.release(messages.poll());
                }
            }
            Object head = messages.peek();
            if (head != null) {
                return head;
            }
            if (ended) {
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            if (timeoutNanos < 0) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** Accounts for {@code bytes} taken; whether reading, paused, should resume. Holding the lock. */
    private boolean taken(long bytes) {
        queuedBytes -= bytes;
        if (paused && queuedBytes < LOW && messages.size() < LOW_MESSAGES) {
            paused = false;
            return true;
        }
        return false;
    }

    private void resumeIf(boolean resume) {
        if (resume) {
            channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
        }
    }

    private static long bytesOf(Object msg) {
        return msg instanceof ByteBuf ? ((ByteBuf) msg).readableBytes() : 0;
    }
}

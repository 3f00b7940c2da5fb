package dev.toolkit.tcp.zen;

import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.FrameTooLongException;
import dev.toolkit.core.pipeline.ClientAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Answers Zen questions: each decoded question (a {@link ByteBuf} without its {@code ?}) gets its answer, so
 * pipelined questions get one answer each, in order; the answers to the questions of one read are flushed
 * together when the read is complete (one write to the socket for a burst of pipelined questions). Reports the
 * conversation to a {@link ZenListener}: the connection, each answer, and how it ended (between questions,
 * mid-question, with answers still unsent, or failed). A question longer than the limit is answered with
 * {@link Aphorisms#TOO_LONG} and the connection closed once that is sent; a client leaving mid-question is
 * reported as such (and not as a failure); other failures go on to the pipeline's error handler. One instance
 * per connection.
 */
public final class ZenHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private final ZenListener listener;
    private final boolean listensToAnswers;
    private final UnfinishedQuestion unfinished;
    // The answers written and not yet taken by the socket, oldest first; null unless the listener wants them.
    private final ArrayDeque<ByteBuf> unsent;
    private final ChannelFutureListener answerSent;
    private InetSocketAddress client;
    private boolean started;
    private boolean failed;
    private boolean unflushed;

    /** @param listener told about the conversation */
    public ZenHandler(ZenListener listener) {
        this(listener, true, null);
    }

    /**
     * Whether {@code listener}'s class overrides the {@link ZenListener} method {@code name}: the handler does
     * the work an event needs (copying, tracking) only for a listener that has its own.
     */
    static boolean overrides(ZenListener listener, String name, Class<?>... parameters) {
        try {
            return listener.getClass().getMethod(name, parameters).getDeclaringClass() != ZenListener.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ZenListener." + name + " is missing", e);
        }
    }

    /**
     * @param listener told about the conversation
     * @param listensToAnswers whether to tell it of each answer (copying the question and the answer for it)
     * @param unfinished the connection's watcher of the question in progress, or {@code null} to look for one
     *                   in the pipeline when the connection ends
     */
    ZenHandler(ZenListener listener, boolean listensToAnswers, UnfinishedQuestion unfinished) {
        super(ByteBuf.class);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.listensToAnswers = listensToAnswers;
        this.unfinished = unfinished;
        if (overrides(listener, "closedBeforeSent", InetSocketAddress.class, byte[].class)) {
            ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
            this.unsent = queue;
            // A channel completes its writes in order, so a success is always the oldest answer's.
            this.answerSent = f -> {
                if (f.isSuccess()) {
                    queue.poll();
                }
            };
        } else {
            this.unsent = null;
            this.answerSent = null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (!started) {
            started = true;
            // Behind a balancer speaking the PROXY protocol this is the real client, not the balancer.
            SocketAddress remote = ClientAddress.of(ctx.channel());
            client = remote instanceof InetSocketAddress ? (InetSocketAddress) remote : null;
            listener.accepted(client);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf question) {
        ByteBuf answer = Aphorisms.answerBuffer(question);
        if (listensToAnswers) {
            listener.answered(client, ByteBufUtil.getBytes(question), ByteBufUtil.getBytes(answer));
        }
        if (unsent == null) {
            ctx.write(answer);
        } else {
            unsent.add(answer);
            ctx.write(answer).addListener(answerSent);
        }
        unflushed = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!failed && started) {
            UnfinishedQuestion watcher = unfinished != null ? unfinished : ctx.pipeline().get(UnfinishedQuestion.class);
            byte[] received = watcher == null ? new byte[0] : watcher.received();
            byte[] notSent = unsentBytes();
            if (received.length > 0) {
                listener.closedMidQuestion(client, received);
            } else if (notSent.length > 0) {
                listener.closedBeforeSent(client, notSent);
            } else {
                listener.closed(client);
            }
        }
        ctx.fireChannelInactive();
    }

    /**
     * The bytes of the answers the socket had not taken. Each answer is a duplicate of a constant that cannot
     * be released (see {@link Aphorisms#answerBuffer}), so it can still be read once the closed channel has
     * let go of it; its reader index is where the transport got to when it sent part of it.
     */
    private byte[] unsentBytes() {
        if (unsent == null || unsent.isEmpty()) {
            return new byte[0];
        }
        int length = 0;
        for (ByteBuf answer : unsent) {
            length += answer.readableBytes();
        }
        byte[] bytes = new byte[length];
        int at = 0;
        for (ByteBuf answer = unsent.poll(); answer != null; answer = unsent.poll()) {
            int n = answer.readableBytes();
            answer.getBytes(answer.readerIndex(), bytes, at, n);
            at += n;
        }
        return bytes;
    }

    /**
     * Whether {@code cause} is the server's report of a client that closed its connection in the middle of a
     * question (a {@link ConnectionClosedException} from the remote side): Zen servers report that as a
     * client leaving mid-question, once the connection's end is seen, rather than as a failure.
     */
    public static boolean clientLeftMidQuestion(Throwable cause) {
        Throwable root = Exceptions.unwrap(cause);
        return root instanceof ConnectionClosedException
                && ((ConnectionClosedException) root).side() == ConnectionClosedException.Side.REMOTE;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (clientLeftMidQuestion(cause)) {
            // channelInactive, which follows, reports it with what was sent.
            return;
        }
        Throwable root = Exceptions.unwrap(cause);
        if (!failed) {
            failed = true;
            listener.failed(client, Exceptions.map(root, client));
        }
        if (root instanceof FrameTooLongException) {
            // The client deserves to know why it is cut off; the framing has already dropped its bytes.
            ctx.writeAndFlush(Unpooled.copiedBuffer(Aphorisms.TOO_LONG, StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}

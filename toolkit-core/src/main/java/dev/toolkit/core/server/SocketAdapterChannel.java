package dev.toolkit.core.server;

import dev.toolkit.core.observe.Logging;
import dev.toolkit.core.pipeline.ConnectionPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Netty channel over a non-blocking {@code java.nio} socket the toolkit drives itself (one thread per
 * connection for the blocking architectures, one Selector for all under the selector architecture), so that
 * those servers run the very same pipeline as the event loop server.
 *
 * <p>It is an {@link EmbeddedChannel} whose event loop is a {@link ServingThreadLoop}: the thread that serves
 * the connection, and only that thread, is in the event loop; writes, flushes, closes and scheduled tasks from
 * any other thread are queued to it and wake it at once ({@link #wakeUp()}), as on Netty's transports.
 * It has the socket's real addresses, half-close through {@link DuplexChannel}, reads fed in as {@link ByteBuf}s, writes taken from
 * Netty's outbound buffer to the socket ({@link ByteBuf} and {@link FileRegion}; anything else is refused with
 * {@link UnsupportedMessageTypeException}), the end of input handled as Netty's transports do (an input
 * shutdown event when half-closure is allowed, else close), and the socket closed with the channel. Queued and
 * scheduled tasks (time-outs) run when the serving loop calls {@link #runTasks()}, which tells when the next
 * one is due.
 *
 * <p>Writes behave as on Netty's transports: bytes the socket does not take at once stay in the outbound
 * buffer, where they count against the water marks; a write promise completes when its bytes are in the
 * socket; closing discards what was not sent. The methods the serving loop calls are for the serving thread;
 * {@link #markStopped()}, {@link #closeSocket()} and {@link #drain()} are for the stopping thread too.
 */
abstract class SocketAdapterChannel extends EmbeddedChannel implements DuplexChannel {

    /** Bytes asked of the socket per read. */
    static final int READ_BUFFER_SIZE = 16 * 1024;

    private static final Logger LOG = Logging.logger(SocketAdapterChannel.class);

    private final SocketChannel channel;
    private final Socket socket;
    private final ServingThreadLoop loop;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final AdapterConfig config;
    private boolean readRequested;
    private boolean inputShutdown;
    private boolean outputShutdown;
    private boolean outputShutdownRequested;
    private ChannelPromise pendingOutputShutdown;
    private boolean writing;
    private boolean writeBlocked;
    private volatile boolean stopped;
    private volatile ConnectionPipeline.Drain drain;
    private final AtomicBoolean wakeRequested = new AtomicBoolean();

    /**
     * Made on the thread that will serve the connection.
     *
     * @param channel the connected socket, non-blocking
     * @param allowHalfClosure whether the end of input only half-closes the connection
     */
    SocketAdapterChannel(SocketChannel channel, boolean allowHalfClosure) {
        super(EmbeddedChannel.builder().register(false).channelId(DefaultChannelId.newInstance()));
        this.channel = channel;
        this.socket = channel.socket();
        this.loop = new ServingThreadLoop(this);
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.config = new AdapterConfig(this, allowHalfClosure);
    }

    // ---- the socket and the serving thread

    /**
     * Another thread queued a task for the serving thread: wakes it, unless a wake-up is already on its way
     * (the serving thread clears that mark before it runs the queued tasks, so no task is left waiting).
     */
    final void tasksQueued() {
        if (wakeRequested.compareAndSet(false, true)) {
            wakeUp();
        }
    }

    /** Wakes the serving thread; safe from any thread, never blocks. */
    abstract void wakeUp();

    /** The socket this channel reads and writes. */
    final SocketChannel socketChannel() {
        return channel;
    }

    /** Reads into {@code buf}: bytes read, 0 if none now, -1 at end of input. */
    private int readSocket(ByteBuf buf) throws IOException {
        return buf.writeBytes(channel, buf.writableBytes());
    }

    /** Writes readable bytes of {@code buf} without moving its indexes: bytes taken, 0 if the socket is full. */
    private int writeSocket(ByteBuf buf) throws IOException {
        return buf.getBytes(buf.readerIndex(), channel, buf.readableBytes());
    }

    /** Writes the rest of {@code region}: bytes taken, 0 if the socket is full. */
    private long writeSocket(FileRegion region) throws IOException {
        return region.transferTo(channel, region.transferred());
    }

    /** Closes the socket; safe from any thread, quiet, idempotent. */
    final void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with the socket
        }
    }

    // ---- Channel

    /** The serving thread's loop: the executor of the pipeline's handlers and of this channel's promises. */
    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    // EmbeddedChannel runs its own (here idle) loop's tasks around these calls, which is for its own thread
    // only; the pipeline already hands a call from another thread to the serving thread.

    @Override
    public ChannelFuture write(Object msg) {
        return pipeline().write(msg);
    }

    @Override
    public ChannelFuture write(Object msg, ChannelPromise promise) {
        return pipeline().write(msg, promise);
    }

    @Override
    public ChannelFuture writeAndFlush(Object msg) {
        return pipeline().writeAndFlush(msg);
    }

    @Override
    public ChannelFuture writeAndFlush(Object msg, ChannelPromise promise) {
        return pipeline().writeAndFlush(msg, promise);
    }

    @Override
    public Channel flush() {
        pipeline().flush();
        return this;
    }

    @Override
    public ChannelConfig config() {
        // null only while the superclass constructor runs
        return config == null ? super.config() : config;
    }

    @Override
    protected SocketAddress localAddress0() {
        return local;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) super.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) super.remoteAddress();
    }

    @Override
    protected void doBeginRead() {
        readRequested = true;
    }

    @Override
    protected void doClose() throws Exception {
        super.doClose();
        closeSocket();
        if (pendingOutputShutdown != null) {
            ChannelPromise p = pendingOutputShutdown;
            pendingOutputShutdown = null;
            p.tryFailure(new ClosedChannelException());
        }
    }

    @Override
    protected Object filterOutboundMessage(Object msg) throws Exception {
        if (outputShutdownRequested) {
            throw new ChannelOutputShutdownException("the output of " + this + " was shut down");
        }
        if (msg instanceof ByteBuf || msg instanceof FileRegion) {
            return msg;
        }
        throw new UnsupportedMessageTypeException(msg, ByteBuf.class, FileRegion.class);
    }

    @Override
    protected void handleInboundMessage(Object msg) {
        // A message no handler consumed: dropped, as Netty's own pipeline tail does.
        LOG.debug("{}: discarded a message that reached the end of the pipeline: {}", this, msg);
        ReferenceCountUtil.release(msg);
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        if (writing) {
            // Re-entered from a write listener: the loop below picks up what it flushed.
            return;
        }
        writing = true;
        try {
            for (;;) {
                Object msg = in.current();
                if (msg == null) {
                    writeBlocked = false;
                    break;
                }
                if (msg instanceof ByteBuf) {
                    ByteBuf buf = (ByteBuf) msg;
                    if (!buf.isReadable()) {
                        in.remove();
                        continue;
                    }
                    int n = writeSocket(buf);
                    if (n == 0) {
                        writeBlocked = true;
                        return;
                    }
                    in.removeBytes(n);
                } else {
                    FileRegion region = (FileRegion) msg;
                    if (region.transferred() >= region.count()) {
                        in.remove();
                        continue;
                    }
                    long n = writeSocket(region);
                    if (n == 0) {
                        writeBlocked = true;
                        return;
                    }
                    in.progress(n);
                    if (region.transferred() >= region.count()) {
                        in.remove();
                    }
                }
            }
        } finally {
            writing = false;
        }
        if (pendingOutputShutdown != null) {
            ChannelPromise p = pendingOutputShutdown;
            pendingOutputShutdown = null;
            completeOutputShutdown(p);
        }
    }

    // ---- DuplexChannel

    @Override
    public boolean isInputShutdown() {
        return inputShutdown || !isActive();
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        if (!inputShutdown) {
            inputShutdown = true;
            try {
                socket.shutdownInput();
            } catch (IOException e) {
                return promise.setFailure(e);
            }
        }
        return promise.setSuccess();
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown || !isActive();
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    /**
     * Sends what was written (flushed or not), then half-closes the socket's output. When the socket cannot
     * take everything at once, the shutdown happens once the rest is sent. Writes after this call fail with
     * {@link ChannelOutputShutdownException}.
     */
    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        if (outputShutdown) {
            return promise.setSuccess();
        }
        if (outputShutdownRequested) {
            if (pendingOutputShutdown == null) {
                return promise.setFailure(new ClosedChannelException());
            }
            pendingOutputShutdown.addListener(f -> {
                if (f.isSuccess()) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(f.cause());
                }
            });
            return promise;
        }
        if (!isOpen()) {
            return promise.setFailure(new ClosedChannelException());
        }
        flush();
        outputShutdownRequested = true;
        ChannelOutboundBuffer queue = unsafe().outboundBuffer();
        if (isOpen() && queue != null && !queue.isEmpty()) {
            pendingOutputShutdown = promise;
            return promise;
        }
        if (!isOpen()) {
            return promise.setFailure(new ClosedChannelException());
        }
        completeOutputShutdown(promise);
        return promise;
    }

    private void completeOutputShutdown(ChannelPromise promise) {
        outputShutdown = true;
        try {
            socket.shutdownOutput();
            promise.setSuccess();
        } catch (IOException e) {
            promise.setFailure(e);
        }
        pipeline().fireUserEventTriggered(ChannelOutputShutdownEvent.INSTANCE);
    }

    @Override
    public boolean isShutdown() {
        return isInputShutdown() && isOutputShutdown();
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        shutdownOutput().addListener(out -> {
            ChannelFuture in = shutdownInput();
            Throwable cause = out.cause() != null ? out.cause() : in.cause();
            if (cause == null) {
                promise.trySuccess();
            } else {
                promise.tryFailure(cause);
            }
        });
        return promise;
    }

    // ---- driven by the serving loop

    /** The connection's drain control, set once the pipeline is installed. */
    final ConnectionPipeline.Drain drain() {
        return drain;
    }

    final void drain(ConnectionPipeline.Drain drain) {
        this.drain = drain;
    }

    /** Whether the pipeline wants the next bytes from the socket now. */
    final boolean wantsRead() {
        return readRequested && !inputShutdown && isOpen() && !stopped;
    }

    /** Whether bytes are waiting for the socket to accept more. */
    final boolean writeBlocked() {
        return writeBlocked && isOpen();
    }

    /** Whether the server stopped this connection from outside. */
    final boolean stopped() {
        return stopped;
    }

    /** Records that the server closes this connection's socket from another thread; safe from any thread. */
    final void markStopped() {
        stopped = true;
    }

    /** Reads once from the socket and feeds what came to the pipeline. */
    final void readOnce() {
        ByteBuf buf = alloc().ioBuffer(READ_BUFFER_SIZE);
        int n;
        try {
            n = readSocket(buf);
        } catch (IOException e) {
            buf.release();
            readFailed(e);
            return;
        }
        if (n > 0) {
            readRequested = false;
            try {
                writeInbound(buf);
            } catch (Throwable t) {
                failed(t);
            }
        } else {
            buf.release();
            if (n < 0) {
                endOfInput();
            }
        }
    }

    /** Sends what the socket could not take before; called when it can take more. */
    final void continueWriting() {
        ChannelOutboundBuffer queue = unsafe().outboundBuffer();
        if (queue == null || !isOpen()) {
            writeBlocked = false;
            return;
        }
        try {
            doWrite(queue);
        } catch (Throwable t) {
            // As on Netty's transports: a failed write closes the connection and fails the queued writes.
            LOG.debug("{}: write failed: {}", this, t.toString());
            closeFromTransport();
        }
        runTasks();
    }

    /**
     * Runs tasks that are due (time-outs, work handlers deferred).
     *
     * @return nanoseconds until the next scheduled task, or -1 if none
     */
    final long runTasks() {
        wakeRequested.set(false);
        runPendingTasks();
        long next = loop.runTasks();
        try {
            checkException();
        } catch (Throwable t) {
            failed(t);
        }
        return isOpen() ? next : -1;
    }

    /** Whether tasks queued from other threads wait for the serving thread. */
    final boolean hasQueuedTasks() {
        return loop.hasTasks();
    }

    /**
     * Closes the channel after the serving loop ends, if nothing did before; tasks that other threads queue
     * later run on those threads (their writes fail: the channel is closed).
     */
    final void finishServing() {
        if (isOpen()) {
            close();
        }
        runPendingTasks();
        loop.runTasks();
        closeSocket();
        loop.retire();
    }

    private void endOfInput() {
        inputShutdown = true;
        if (config.allowHalfClosure) {
            pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            pipeline().fireUserEventTriggered(ChannelInputShutdownReadComplete.INSTANCE);
        } else {
            closeFromTransport();
        }
        runTasks();
    }

    private void readFailed(IOException e) {
        if (stopped) {
            close();
        } else {
            pipeline().fireExceptionCaught(e);
            closeFromTransport();
        }
        runTasks();
    }

    private void failed(Throwable t) {
        if (isOpen()) {
            pipeline().fireExceptionCaught(t);
        }
    }

    /** Closes as the transport does (end of input, failed write): not through the pipeline's outbound side. */
    private void closeFromTransport() {
        if (isOpen()) {
            unsafe().close(unsafe().voidPromise());
        }
    }

    /** The channel's configuration: Netty's defaults plus {@link ChannelOption#ALLOW_HALF_CLOSURE}. */
    private static final class AdapterConfig extends DefaultChannelConfig {

        private final SocketAdapterChannel channel;
        private volatile boolean allowHalfClosure;

        AdapterConfig(SocketAdapterChannel channel, boolean allowHalfClosure) {
            super(channel);
            this.channel = channel;
            this.allowHalfClosure = allowHalfClosure;
        }

        @Override
        public Map<ChannelOption<?>, Object> getOptions() {
            return getOptions(super.getOptions(), ChannelOption.ALLOW_HALF_CLOSURE);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getOption(ChannelOption<T> option) {
            if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
                return (T) Boolean.valueOf(allowHalfClosure);
            }
            return super.getOption(option);
        }

        @Override
        public <T> boolean setOption(ChannelOption<T> option, T value) {
            validate(option, value);
            if (option == ChannelOption.ALLOW_HALF_CLOSURE) {
                allowHalfClosure = (Boolean) value;
                return true;
            }
            return super.setOption(option, value);
        }

        @Override
        protected void autoReadCleared() {
            channel.readRequested = false;
        }
    }
}

package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ConnectionPipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
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
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

/**
 * A Netty channel over a socket the toolkit drives itself (blocking {@code java.net} sockets, or non-blocking
 * {@code java.nio} sockets under a Selector), so that the blocking and selector servers run the very same
 * pipeline as the event loop server while really being blocking and selector servers.
 *
 * <p>It is an {@link EmbeddedChannel} (whose event loop is the thread that calls it) with the socket's real
 * addresses, half-close through {@link DuplexChannel}, reads fed in as {@link ByteBuf}s, writes taken from
 * Netty's outbound buffer to the socket ({@link ByteBuf} and {@link FileRegion}; anything else is refused with
 * {@link UnsupportedMessageTypeException}), the end of input handled as Netty's transports do (an input
 * shutdown event when half-closure is allowed, else close), and the socket closed with the channel. Scheduled
 * tasks (time-outs) run when the serving loop calls {@link #runTasks()}, which tells when the next one is due.
 *
 * <p>Writes behave as on Netty's transports: bytes the socket does not take at once stay in the outbound
 * buffer, where they count against the water marks; a write promise completes when its bytes are in the
 * socket; closing discards what was not sent. Only the thread serving the connection may touch it; the
 * exceptions are {@link #markStopped()}, {@link #closeSocket()} and {@link #drain()}, which the stopping
 * thread uses.
 */
abstract class SocketAdapterChannel extends EmbeddedChannel implements DuplexChannel {

    /** Bytes asked of the socket per read. */
    static final int READ_BUFFER_SIZE = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SocketAdapterChannel.class);

    private final Socket socket;
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

    /**
     * @param socket the connected socket (for a {@code java.nio} channel, its {@link
     *     java.nio.channels.SocketChannel#socket() adaptor}): its addresses, half-close and close
     * @param allowHalfClosure whether the end of input only half-closes the connection
     */
    SocketAdapterChannel(Socket socket, boolean allowHalfClosure) {
        super(EmbeddedChannel.builder().register(false).channelId(DefaultChannelId.newInstance()));
        this.socket = socket;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.config = new AdapterConfig(this, allowHalfClosure);
    }

    // ---- the socket, per kind of server

    /** Reads into {@code buf}: bytes read, 0 if none now (or the wait for them timed out), -1 at end of input. */
    abstract int readSocket(ByteBuf buf) throws IOException;

    /** Writes readable bytes of {@code buf} without moving its indexes: bytes taken, 0 if the socket is full. */
    abstract int writeSocket(ByteBuf buf) throws IOException;

    /** Writes the rest of {@code region}: bytes taken, 0 if the socket is full. */
    abstract long writeSocket(FileRegion region) throws IOException;

    /** Closes the socket; safe from any thread, quiet, idempotent. */
    final void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with the socket
        }
    }

    /** A buffer to read into, of the kind the socket reads best into. */
    abstract ByteBuf newReadBuffer();

    // ---- Channel

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
        ByteBuf buf = newReadBuffer();
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
        runPendingTasks();
        long next = runScheduledPendingTasks();
        try {
            checkException();
        } catch (Throwable t) {
            failed(t);
        }
        return isOpen() ? next : -1;
    }

    /** Closes the channel after the serving loop ends, if nothing did before. */
    final void finishServing() {
        if (isOpen()) {
            close();
        }
        runPendingTasks();
        closeSocket();
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

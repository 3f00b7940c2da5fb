package dev.toolkit.tcp;

import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.error.Excerpts;
import dev.toolkit.core.error.InterruptedOperationException;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ProtocolViolationException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.error.UnexpectedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One client connection of a {@link TcpClient}. It carries messages, as its protocol frames them, or bytes,
 * like a Python socket; every blocking call waits in the calling thread and must never be made on an event
 * loop (refused with an {@link IllegalStateException}), and its asynchronous twin ({@code ...Async}) returns a
 * {@link CompletableFuture}.
 *
 * <p><b>Messages.</b> {@link #send(Object)} writes anything the connection's encoders take: a {@code String}
 * through line or delimiter framing, a JSON tree or any Jackson-serializable object through JSON framing, a
 * {@code ByteBuf} or {@code byte[]} (bytes, framed by the framer if there is one). {@link #receive()} returns
 * the next message exactly as the protocol's handlers passed it on, one frame each, empty frames included;
 * {@link #receive(Class)} returns it as a given type. {@link #request(Object)} sends and returns the answer;
 * {@link #requestAsync(Object)} calls may be pipelined, and their futures are answered in the order the
 * requests were made. A message no encoder takes, or a received one that cannot be taken as the type asked
 * for, is an {@link UnexpectedMessageException} naming the type(s).
 *
 * <pre>{@code
 * try (TcpClient client = TcpClient.create();
 *      TcpConnection c = client.connect("127.0.0.1", 1060, Framing.lines(1024))) {
 *     c.send("HELLO");                                  // written with CRLF
 *     String reply = c.receive(String.class);           // one line, without its end
 *     CompletableFuture<String> a = c.requestAsync("A", String.class), b = c.requestAsync("B", String.class);
 * }
 * }</pre>
 *
 * <p><b>Bytes.</b> On a connection with no framing, {@link #sendAll}, {@link #receive(int)},
 * {@link #receiveExactly} and {@link #receiveUntil} work like the book's socket calls.
 *
 * <p>Every message, answer or byte arrives through one queue, in order: a pending request takes the next
 * message, else it waits for a {@code receive} call. When the server shuts down its output, the connection
 * closes or fails, every pending request fails with the toolkit exception of the cause; messages that arrived
 * before can still be received, and after them {@code receive} reports the end of input ({@code null}, or an
 * empty array for bytes) or throws the failure. A byte buffer returned as it was received ({@code receive()},
 * {@code receive(ByteBuf.class)}) is the caller's to release; every other result is a copy.
 *
 * <p>Back-pressure both ways: {@link #sendAll} waits while the connection is not writable, and a write that
 * would queue more than the client's {@code maxPendingWriteBytes} fails with a clear error and closes the
 * connection; once 256 KiB or 1024 messages wait unreceived, the socket stops being read. Half-close both ways
 * with {@link #shutdownOutput()} and {@link #shutdownInput()}: after the peer shuts down its output, receiving
 * reports the end of input and sending still works. Blocking receives and requests wait at most the client's
 * read time-out ({@link OperationTimeoutException}, phase {@code READ}); an interrupted wait sets the thread's
 * interrupt flag again and throws {@link InterruptedOperationException}.
 */
public final class TcpConnection implements AutoCloseable {

    /** Bytes written per piece by {@link #sendAll}, so that writability is checked between pieces. */
    private static final int SEND_PIECE = 64 * 1024;

    private final Channel channel;
    private final InboundQueue inbound;
    private final Duration readTimeout;
    /** Held while a request is registered and written, so that requests are answered in the order sent. */
    private final Object requestOrder = new Object();

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
     * Sends {@code message} and waits until it is written to the socket.
     *
     * @throws UnexpectedMessageException if no encoder of the connection takes its type
     * @throws ToolkitException if an encoder refuses it (too long, say) or the connection fails or closes
     * @see #sendAsync(Object)
     */
    public void send(Object message) {
        await(sendAsync(message), "sending to " + remoteAddress(), null);
    }

    /**
     * Sends {@code message}: anything the connection's encoders take; a {@code byte[]} is sent as a byte
     * buffer, a reference-counted message is released once written or refused.
     *
     * @return completes when the message is in the socket; fails with an {@link UnexpectedMessageException}
     *     when no encoder takes its type, else with the {@link ToolkitException} of the failure
     */
    public CompletableFuture<Void> sendAsync(Object message) {
        Objects.requireNonNull(message, "message");
        Object out = message instanceof byte[] ? Unpooled.wrappedBuffer((byte[]) message) : message;
        return toFuture(channel.writeAndFlush(out), cause -> sendFailure(message, cause));
    }

    /** The failure of sending {@code message}: a type no encoder took is named as such. */
    private ToolkitException sendFailure(Object message, Throwable cause) {
        // The transport refuses what reached it unencoded (Netty's filterOutboundMessage); core knows its forms.
        if (Exceptions.isUnsupportedType(cause)) {
            return UnexpectedMessageException.outbound(message, channel.pipeline().names(), Exceptions.unwrap(cause));
        }
        return Exceptions.map(cause, channel.remoteAddress());
    }

    /**
     * Sends every byte, like Python's {@code sendall()}: returns once all are in the socket, waiting while the
     * connection is not writable. It is a call for connections with no framing: through a framer, each piece
     * of up to 64 KiB it writes would become a frame; send a frame with {@link #send(Object)}.
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
     * Waits for the next message, exactly as the protocol's handlers passed it on: one frame of the
     * connection's framing (a {@code ByteBuf}, possibly empty, for byte framings; a {@code JsonNode} for JSON;
     * whatever the protocol's own handlers make), or, with no framing, the next bytes read.
     *
     * @return the message (a {@code ByteBuf} is the caller's to release), or {@code null} at the end of input
     * @throws OperationTimeoutException when the client's read time-out passes first
     * @throws ToolkitException the failure that ended the connection, once every earlier message was received
     */
    public Object receive() {
        return receive(Object.class);
    }

    /**
     * Waits for the next message and returns it as a {@code type}: the message itself if it is one; a byte
     * buffer as a {@code byte[]} or as a {@code String} (UTF-8); a JSON tree as any type Jackson binds it to
     * (a record, a map, a {@code String} for a JSON string).
     *
     * @return the message as a {@code type}, or {@code null} at the end of input
     * @throws UnexpectedMessageException naming both types when the message is not a {@code type} and cannot
     *     be made one (malformed UTF-8, a document that does not bind, a {@code MalformedLine}...): the message
     *     is not lost, it stays first in line, and the next {@code receive} call gets it again
     * @throws OperationTimeoutException when the client's read time-out passes first
     * @throws ToolkitException the failure that ended the connection, once every earlier message was received
     */
    public <T> T receive(Class<T> type) {
        Objects.requireNonNull(type, "type");
        checkNotOnEventLoop();
        try {
            return inbound.take(type, timeoutNanos());
        } catch (TimeoutException e) {
            throw readTimedOut();
        } catch (InterruptedException e) {
            throw new InterruptedOperationException("receiving from " + remoteAddress(), e);
        }
    }

    /**
     * Sends {@code request} and waits for the answer: the next message received that no earlier request or
     * {@code receive} call took.
     *
     * @throws OperationTimeoutException when the client's read time-out passes before the answer (which, when
     *     it comes, is then dropped, so that later requests still get their own answers)
     * @see #requestAsync(Object)
     */
    public Object request(Object request) {
        return request(request, Object.class);
    }

    /** Sends {@code request} and waits for the answer as a {@code type} (see {@link #receive(Class)}). */
    public <T> T request(Object request, Class<T> type) {
        checkNotOnEventLoop();
        return await(requestAsync(request, type), "waiting for the answer from " + remoteAddress(), readTimeout);
    }

    /**
     * Sends {@code request}; the future gets its answer. Requests may be pipelined: each takes the next message
     * in line, so answers come back in the order the requests were made, whichever thread made them.
     *
     * @return the answer, as the protocol's handlers passed it on (a {@code ByteBuf} is the caller's to
     *     release; cancelling the future drops the answer); fails with the send's failure, or, when the input
     *     ends or the connection closes or fails first, with the toolkit exception of the cause
     */
    public CompletableFuture<Object> requestAsync(Object request) {
        return requestAsync(request, Object.class);
    }

    /**
     * Sends {@code request}; the future gets its answer as a {@code type} (see {@link #receive(Class)}); an
     * answer that cannot be made one fails the future with an {@link UnexpectedMessageException} and is dropped.
     */
    public <T> CompletableFuture<T> requestAsync(Object request, Class<T> type) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(type, "type");
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Object> answer;
        CompletableFuture<Void> written;
        synchronized (requestOrder) {
            answer = inbound.claim();
            written = sendAsync(request);
        }
        written.whenComplete((sent, failure) -> {
            if (failure != null) {
                if (!inbound.withdraw(answer, failure)) {
                    answer.thenAccept(ReferenceCountUtil::release);
                }
                result.completeExceptionally(failure);
                return;
            }
            answer.whenComplete((message, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (result.isDone()) {
                    ReferenceCountUtil.release(message);
                } else {
                    deliver(inbound.types(), message, type, result);
                }
            });
        });
        return result;
    }

    private static <T> void deliver(MessageTypes types, Object message, Class<T> type,
                                    CompletableFuture<T> result) {
        T value;
        try {
            value = types.as(message, type);
        } catch (UnexpectedMessageException e) {
            ReferenceCountUtil.release(message);
            result.completeExceptionally(e);
            return;
        }
        if (!result.complete(value)) {
            ReferenceCountUtil.release(value);
        }
    }

    /**
     * Waits for bytes, like Python's {@code recv(max)}.
     *
     * @return up to {@code max} bytes; an empty array at the end of input
     * @throws UnexpectedMessageException if the next message is not bytes (the protocol's handlers made it)
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
            buf = inbound.takeBytes(max, timeoutNanos());
        } catch (TimeoutException e) {
            throw readTimedOut();
        } catch (InterruptedException e) {
            throw new InterruptedOperationException("receiving from " + remoteAddress(), e);
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

    private long timeoutNanos() {
        return readTimeout == null ? -1 : readTimeout.toNanos();
    }

    private OperationTimeoutException readTimedOut() {
        return new OperationTimeoutException(OperationTimeoutException.Phase.READ, readTimeout,
                "waiting for " + remoteAddress(), null);
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
                throw new ProtocolViolationException("no '" + (char) suffix + "' within " + max + " bytes",
                        Excerpts.of(got.toByteArray()), null);
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
            throw new InterruptedOperationException("sending to " + remoteAddress(), e);
        }
        if (!f.isSuccess()) {
            throw Exceptions.map(f.cause(), channel.remoteAddress());
        }
    }

    /**
     * Waits for {@code f} at most {@code limit} ({@code null}: no limit); a wait that ends early cancels it.
     */
    private <T> T await(CompletableFuture<T> f, String operation, Duration limit) {
        checkNotOnEventLoop();
        try {
            return limit == null ? f.get() : f.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            f.cancel(false);
            throw new InterruptedOperationException(operation, e);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new OperationTimeoutException(OperationTimeoutException.Phase.READ, limit, operation, null);
        } catch (ExecutionException e) {
            throw Exceptions.map(e.getCause(), channel.remoteAddress());
        }
    }

    private CompletableFuture<Void> toFuture(ChannelFuture f) {
        return toFuture(f, cause -> Exceptions.map(cause, channel.remoteAddress()));
    }

    private static CompletableFuture<Void> toFuture(ChannelFuture f, Function<Throwable, ToolkitException> failure) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        f.addListener(done -> {
            if (done.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(failure.apply(done.cause()));
            }
        });
        return result;
    }
}

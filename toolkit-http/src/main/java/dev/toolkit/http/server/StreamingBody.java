package dev.toolkit.http.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolkit.core.error.Blocking;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A request body as it arrives from the connection. Content is offered on the event loop; it is consumed in
 * one of four ways, chosen once: as a stream (queued up to {@link #BUFFER} bytes, then the connection stops
 * reading until the reader takes some), aggregated to bytes (up to {@code maxBodySize}), parsed as a form, or
 * discarded. Guarded by its own lock: the stream is read from another thread.
 */
final class StreamingBody implements RequestBody {

    /** Bytes queued for a stream reader (or an undecided consumer) before the connection stops reading. */
    static final int BUFFER = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private enum Mode { UNCLAIMED, STREAM, AGGREGATE, FORM, DISCARD }

    private final HttpRequest head;
    private final long contentLength;
    private final long maxBodySize;
    private final EventLoop eventLoop;
    private final Runnable demand;
    private final FormParser.Factory forms;

    // Guarded by this.
    /** Made by the first bytes queued: most requests (a GET) have none. */
    private ArrayDeque<ByteBuf> queue;
    private long queued;
    private long received;
    private boolean complete;
    private RequestBodyException failure;
    private Mode mode = Mode.UNCLAIMED;
    /** How the application asked for the body; the mode follows on the event loop. */
    private Mode claimed = Mode.UNCLAIMED;
    private boolean released;
    /** The buffer a stream reader is part way through (taken off the queue, still counted in queued). */
    private ByteBuf reading;

    // Event loop only.
    private byte[] aggregate;
    private int aggregated;
    private CompletableFuture<byte[]> bytesFuture;
    private FormParser form;
    private CompletableFuture<Form> formFuture;

    /**
     * @param demand asks the connection (on its event loop) to read again if it can
     * @param empty whether the request has no body at all
     */
    StreamingBody(HttpRequest head, long maxBodySize, EventLoop eventLoop, Runnable demand, FormParser.Factory forms,
            boolean empty) {
        this.head = head;
        this.contentLength = empty ? 0 : HttpUtil.getContentLength(head, -1L);
        this.maxBodySize = maxBodySize;
        this.eventLoop = eventLoop;
        this.demand = demand;
        this.forms = forms;
        this.complete = empty;
    }

    // ----- the connection's side (event loop)

    /**
     * Takes a piece of content (this body now owns {@code content}'s buffer).
     *
     * @return the failure that ends the body (over the limit), or {@code null}
     */
    RequestBodyException offer(HttpContent content) {
        ByteBuf data = content.content();
        int bytes = data.readableBytes();
        Mode current;
        synchronized (this) {
            if (failure != null || released) {
                data.release();
                return null;
            }
            received += bytes;
            if (received > maxBodySize) {
                data.release();
                RequestBodyException tooLarge = new RequestBodyException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                        "request body of " + head.method() + " " + head.uri() + " is over the limit of "
                                + maxBodySize + " bytes");
                failLocked(tooLarge);
                notifyAll();
                failConsumers(tooLarge);
                return tooLarge;
            }
            current = mode;
            if (current == Mode.STREAM || current == Mode.UNCLAIMED) {
                if (bytes > 0) {
                    if (queue == null) {
                        queue = new ArrayDeque<>();
                    }
                    queue.add(data);
                    queued += bytes;
                } else {
                    data.release();
                }
                notifyAll();
                return null;
            }
        }
        try {
            if (current == Mode.AGGREGATE) {
                append(data);
            } else if (current == Mode.FORM) {
                form.offer(content);
            }
        } catch (RequestBodyException e) {
            fail(e);
            return e;
        } finally {
            data.release();
        }
        return null;
    }

    /** The body ended (the last content was offered). */
    void end() {
        Mode current;
        synchronized (this) {
            if (complete || failure != null) {
                return;
            }
            complete = true;
            current = mode;
            notifyAll();
        }
        if (current == Mode.AGGREGATE) {
            completeBytes();
        } else if (current == Mode.FORM) {
            completeForm();
        }
    }

    /** The body cannot be completed: time-out, malformed content, connection closed. */
    void fail(RequestBodyException cause) {
        synchronized (this) {
            if (complete || failure != null) {
                return;
            }
            failLocked(cause);
            notifyAll();
        }
        failConsumers(cause);
    }

    private void failLocked(RequestBodyException cause) {
        failure = cause;
        releaseQueue();
    }

    private void failConsumers(RequestBodyException cause) {
        if (bytesFuture != null) {
            bytesFuture.completeExceptionally(cause);
        }
        if (formFuture != null) {
            formFuture.completeExceptionally(cause);
        }
    }

    /** Whether the body has been read to its end from the connection. */
    synchronized boolean isComplete() {
        return complete;
    }

    /** Whether the connection should read more for this body now. */
    synchronized boolean wantsMore() {
        if (complete || failure != null || released) {
            return false;
        }
        return mode == Mode.AGGREGATE || mode == Mode.FORM || mode == Mode.DISCARD || queued < BUFFER;
    }

    /** Whether nobody claimed the body (the application answered without it). */
    synchronized boolean isUnclaimed() {
        return claimed == Mode.UNCLAIMED;
    }

    /** Drops what arrives from now on (the response has been sent). */
    void discard() {
        synchronized (this) {
            if (mode == Mode.UNCLAIMED || mode == Mode.STREAM) {
                releaseQueue();
            }
            mode = Mode.DISCARD;
            notifyAll();
        }
    }

    /** Frees everything the body holds: queued buffers, a form's temporary files. Event loop only. */
    void release() {
        synchronized (this) {
            released = true;
            releaseQueue();
            notifyAll();
        }
        if (form != null) {
            form.destroy();
            form = null;
        }
        aggregate = null;
    }

    private void releaseQueue() {
        if (reading != null) {
            reading.release();
            reading = null;
        }
        for (ByteBuf buf; (buf = pollQueue()) != null; ) {
            buf.release();
        }
        queued = 0;
    }

    // ----- the application's side

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public InputStream stream() {
        Blocking.refuseOnEventLoop("read of a request body");
        synchronized (this) {
            claim(Mode.STREAM);
        }
        return new BodyStream();
    }

    private void claim(Mode wanted) {
        if (claimed != Mode.UNCLAIMED) {
            throw new IllegalStateException("the request body was already read (" + claimed.name().toLowerCase()
                    + ")");
        }
        claimed = wanted;
        if (wanted == Mode.STREAM) {
            // A stream reads the queue as it is; aggregation and forms switch on the event loop.
            mode = wanted;
        }
    }

    @Override
    public byte[] bytes() {
        return Blocking.call("read of the request body of " + head.uri(), null, this::bytesAsync);
    }

    @Override
    public CompletableFuture<byte[]> bytesAsync() {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        synchronized (this) {
            try {
                claim(Mode.AGGREGATE);
            } catch (IllegalStateException e) {
                future.completeExceptionally(e);
                return future;
            }
        }
        onEventLoop(() -> startAggregate(future));
        return future;
    }

    private void startAggregate(CompletableFuture<byte[]> future) {
        bytesFuture = future;
        boolean done;
        RequestBodyException failed;
        synchronized (this) {
            failed = failure;
            done = complete;
            mode = Mode.AGGREGATE;
            aggregate = new byte[(int) Math.min(Math.max(contentLength, 0), maxBodySize)];
        }
        if (failed != null) {
            future.completeExceptionally(failed);
            return;
        }
        for (ByteBuf buf; (buf = takeQueued()) != null; ) {
            try {
                append(buf);
            } finally {
                buf.release();
            }
        }
        if (done) {
            completeBytes();
        } else {
            demand.run();
        }
    }

    /** The oldest queued buffer, or null; called holding the lock. */
    private ByteBuf pollQueue() {
        return queue == null ? null : queue.poll();
    }

    private synchronized ByteBuf takeQueued() {
        ByteBuf buf = pollQueue();
        if (buf != null) {
            queued -= buf.readableBytes();
        }
        return buf;
    }

    private void append(ByteBuf data) {
        int bytes = data.readableBytes();
        if (aggregated + bytes > aggregate.length) {
            aggregate = Arrays.copyOf(aggregate, (int) Math.min(maxBodySize,
                    Math.max(aggregated + (long) bytes, aggregate.length * 2L + 1024)));
        }
        data.readBytes(aggregate, aggregated, bytes);
        aggregated += bytes;
    }

    private void completeBytes() {
        if (bytesFuture != null && aggregate != null) {
            byte[] result = aggregated == aggregate.length ? aggregate : Arrays.copyOf(aggregate, aggregated);
            aggregate = null;
            bytesFuture.complete(result);
        }
    }

    @Override
    public String text() {
        return new String(bytes(), charset());
    }

    @Override
    public CompletableFuture<String> textAsync() {
        return bytesAsync().thenApply(bytes -> new String(bytes, charset()));
    }

    private Charset charset() {
        return HttpUtil.getCharset(head, StandardCharsets.UTF_8);
    }

    @Override
    public <T> T json(Class<T> type) {
        return parse(bytes(), type);
    }

    @Override
    public <T> CompletableFuture<T> jsonAsync(Class<T> type) {
        return bytesAsync().thenApply(bytes -> parse(bytes, type));
    }

    private <T> T parse(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new RequestBodyException(HttpResponseStatus.BAD_REQUEST, "request body of " + head.uri()
                    + " is not JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Form form() {
        return Blocking.call("read of the form of " + head.uri(), null, this::formAsync);
    }

    @Override
    public CompletableFuture<Form> formAsync() {
        CompletableFuture<Form> future = new CompletableFuture<>();
        synchronized (this) {
            try {
                claim(Mode.FORM);
            } catch (IllegalStateException e) {
                future.completeExceptionally(e);
                return future;
            }
        }
        onEventLoop(() -> startForm(future));
        return future;
    }

    private void startForm(CompletableFuture<Form> future) {
        formFuture = future;
        boolean done;
        RequestBodyException failed;
        synchronized (this) {
            failed = failure;
            done = complete;
        }
        if (failed != null) {
            future.completeExceptionally(failed);
            return;
        }
        try {
            form = forms.create(head);
            synchronized (this) {
                mode = Mode.FORM;
            }
            for (ByteBuf buf; (buf = takeQueued()) != null; ) {
                try {
                    form.offer(buf);
                } finally {
                    buf.release();
                }
            }
        } catch (RequestBodyException e) {
            fail(e);
            future.completeExceptionally(e);
            return;
        }
        if (done) {
            completeForm();
        } else {
            demand.run();
        }
    }

    private void completeForm() {
        if (formFuture == null || form == null) {
            return;
        }
        try {
            formFuture.complete(form.finish());
        } catch (RequestBodyException e) {
            formFuture.completeExceptionally(e);
        }
    }

    private void onEventLoop(Runnable task) {
        if (eventLoop.inEventLoop()) {
            task.run();
        } else {
            eventLoop.execute(task);
        }
    }

    @Override
    public String toString() {
        return "RequestBody{" + head.method() + " " + head.uri() + ", length " + contentLength + "}";
    }

    /** Blocking reads from the queue; a read that empties it below half the buffer asks for more. */
    private final class BodyStream extends InputStream {
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            boolean ask;
            int n;
            synchronized (StreamingBody.this) {
                while (true) {
                    if (closed || released) {
                        throw new IOException("the request body stream is closed");
                    }
                    if (reading == null) {
                        reading = pollQueue();
                    }
                    if (reading != null) {
                        break;
                    }
                    if (failure != null) {
                        throw new IOException(failure.getMessage(), failure);
                    }
                    if (complete) {
                        return -1;
                    }
                    try {
                        StreamingBody.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while reading a request body");
                    }
                }
                n = Math.min(length, reading.readableBytes());
                reading.readBytes(target, offset, n);
                queued -= n;
                if (!reading.isReadable()) {
                    reading.release();
                    reading = null;
                }
                ask = !complete && queued < BUFFER / 2 && queued + n >= BUFFER / 2 || queued == 0 && !complete;
            }
            if (ask) {
                eventLoop.execute(demand);
            }
            return n;
        }

        @Override
        public void close() {
            synchronized (StreamingBody.this) {
                closed = true;
            }
        }
    }
}

package dev.toolkit.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.function.ObjLongConsumer;

/**
 * Writes one answer: the head the server completes ({@code Date}, {@code Content-Type} from the body,
 * {@code Content-Length} when the length is known, else chunked, or close-delimited to HTTP/1.0;
 * {@code Connection}; {@code Vary}), then the body as its kind asks: bytes in the same message, a file as a
 * {@code FileRegion} on plaintext and in chunks over TLS, a stream through a {@link StreamPump}. A HEAD answer
 * has the head of the GET answer and no body. Event loop only.
 */
final class ResponseWriter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final int FILE_CHUNK = 16 * 1024;

    private final ServerContext server;
    private final CompressionPolicy compression;
    private ChannelHandlerContext ctx;
    private ObjLongConsumer<Exchange> done;
    private StreamPump pump;

    ResponseWriter(ServerContext server, CompressionPolicy compression) {
        this.server = server;
        this.compression = compression;
    }

    /** @param done told, on the event loop, when an answer is written: the body bytes sent, or -1 if it failed */
    void attach(ChannelHandlerContext ctx, ObjLongConsumer<Exchange> done) {
        this.ctx = ctx;
        this.done = done;
    }

    /** Whether a stream body is being sent (the next answer must wait). */
    boolean busy() {
        return pump != null;
    }

    /** The connection became writable again. */
    void resume() {
        if (pump != null) {
            pump.resume();
        }
    }

    /** The connection closed. */
    void closed() {
        pump = null;
    }

    /**
     * Writes {@code exchange}'s answer.
     *
     * @param close whether the connection closes after it
     */
    void write(Exchange exchange, boolean close) {
        // The compressor pairs answers with the requests it saw: an answer to one it did not see (a time-out, a
        // request before it was in the pipeline) goes round it.
        ChannelHandlerContext compressor = compression == null ? null : compression.context();
        ChannelHandlerContext ctx = exchange.viaCompressor || compressor == null ? this.ctx : compressor;
        HttpResponse response = exchange.response;
        ResponseBody body = response.body();
        FileChannel file = null;
        if (body.kind() == ResponseBody.Kind.FILE && !exchange.head && hasBody(response.status())) {
            try {
                file = FileChannel.open(body.file(), StandardOpenOption.READ);
            } catch (IOException e) {
                LOG.error("cannot open {} for {}: 500", body.file(), exchange.requestLine(), e);
                response = Responses.status(HttpResponseStatus.INTERNAL_SERVER_ERROR);
                exchange.response = response;
                body = response.body();
            }
        }
        HttpResponseStatus status = response.status();
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set(response.headersToWrite());
        boolean withBody = hasBody(status);
        ResponseBody.Kind kind = withBody ? body.kind() : ResponseBody.Kind.EMPTY;
        long length = kind == ResponseBody.Kind.EMPTY ? 0 : body.contentLength();
        if (!headers.contains(HttpHeaderNames.DATE)) {
            headers.set(HttpHeaderNames.DATE, server.date.value());
        }
        if (kind != ResponseBody.Kind.EMPTY && !headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, body.contentType());
        }
        if (headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
            close = true;
        }
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (!withBody) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        } else if (length >= 0) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
        } else if (exchange.version.equals(HttpVersion.HTTP_1_0)) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            close = true;
        } else {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            if (!exchange.head) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        }
        if (close) {
            exchange.closeAfter = true;
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (exchange.version.equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        boolean compressibleKind = kind == ResponseBody.Kind.BYTES || kind == ResponseBody.Kind.STREAM;
        // Vary (RFC 9110 12.5.5) only where Accept-Encoding decides the representation: an answer that would be
        // compressed for a client asking for it; a HEAD answer carries the Vary of its GET.
        boolean negotiated = compression != null && compressibleKind
                && (length < 0 || length >= server.config.compressionMinSize())
                && CompressionPolicy.compressibleType(body.contentType());
        if (negotiated && !headers.containsValue(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING, true)) {
            headers.add(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        }
        if (exchange.viaCompressor) {
            compression.nextResponse(negotiated && !exchange.head);
        }

        if (exchange.head || kind == ResponseBody.Kind.EMPTY || kind == ResponseBody.Kind.BYTES) {
            if (body.kind() == ResponseBody.Kind.STREAM) {
                closeQuietly(body.stream());
            }
            ByteBuf content = exchange.head || kind == ResponseBody.Kind.EMPTY ? Unpooled.EMPTY_BUFFER
                    : Unpooled.wrappedBuffer(body.content());
            long sent = content.readableBytes();
            ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content, headers,
                    EmptyHttpHeaders.INSTANCE)).addListener(completion(exchange, sent));
            return;
        }
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, headers);
        if (kind == ResponseBody.Kind.FILE) {
            writeFile(ctx, exchange, head, file, body.offset(), length);
            return;
        }
        ctx.write(head);
        Exchange streamed = exchange;
        pump = new StreamPump(ctx.channel(), body.stream(), length, server.workers, sent -> {
            pump = null;
            done.accept(streamed, sent);
        });
        ctx.flush();
        pump.start();
    }

    private void writeFile(ChannelHandlerContext ctx, Exchange exchange, DefaultHttpResponse head, FileChannel file,
            long offset, long length) {
        ctx.write(head);
        if (ctx.pipeline().get(SslHandler.class) == null) {
            ctx.write(new DefaultFileRegion(file, offset, length));
            ctx.write(LastHttpContent.EMPTY_LAST_CONTENT).addListener(completion(exchange, length));
        } else {
            try {
                ctx.write(new HttpChunkedInput(new ChunkedNioFile(file, offset, length, FILE_CHUNK)))
                        .addListener(completion(exchange, length));
            } catch (IOException e) {
                closeQuietly(file);
                LOG.error("cannot send {}: closing the connection", exchange.requestLine(), e);
                ctx.close();
                done.accept(exchange, -1);
            }
        }
    }

    private ChannelFutureListener completion(Exchange exchange, long sent) {
        return future -> done.accept(exchange, future.isSuccess() ? sent : -1);
    }

    /** Whether a response with {@code status} has a body (not 1xx, 204 or 304). */
    static boolean hasBody(HttpResponseStatus status) {
        int code = status.code();
        return code >= 200 && code != 204 && code != 304;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", closeable, e);
        }
    }
}

package dev.toolkit.http.mock;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes one {@link MockResponse} on its connection's event loop: waits its headers delay on a timer, writes
 * the head with the framing headers it lacks, then the body in pieces (a chunk each when chunked), pausing
 * between pieces on a timer when throttled and while the connection is not writable, so a large body never
 * piles up in memory. For {@link SocketPolicy#CLOSE_MID_BODY} it stops after half the body. Then it hands the
 * future of its last write to {@code done}, which decides what becomes of the connection.
 */
final class ResponseSender {

    /** Piece size of a body that is neither chunked nor throttled: bounds each write. */
    private static final int PIECE = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private final MockResponseEncoder encoder;
    private final MockResponse response;
    private final boolean answersHead;
    private final boolean keepAlive;
    private final HttpVersion requestVersion;
    private final Consumer<ChannelFuture> done;

    private byte[] body;
    private int offset;
    private int limit;
    private int pieceSize;
    private ChannelFuture lastWrite;
    private ScheduledFuture<?> timer;
    private boolean waitingForWritable;
    private boolean finished;

    ResponseSender(ChannelHandlerContext ctx, MockResponseEncoder encoder, MockResponse response, boolean answersHead,
                   boolean keepAlive, HttpVersion requestVersion, Consumer<ChannelFuture> done) {
        this.ctx = ctx;
        this.encoder = encoder;
        this.response = response;
        this.answersHead = answersHead;
        this.keepAlive = keepAlive;
        this.requestVersion = requestVersion;
        this.done = done;
    }

    /** Starts sending: at once, or after the response's headers delay. */
    void start() {
        long delay = response.headersDelay().toNanos();
        if (delay > 0) {
            timer = ctx.executor().schedule(this::sendHead, delay, TimeUnit.NANOSECONDS);
        } else {
            sendHead();
        }
    }

    /** Stops a timer still pending (the connection closed). */
    void cancel() {
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The connection became writable again: go on with the body if it was waiting for that. */
    void writable() {
        if (waitingForWritable && ctx.channel().isWritable()) {
            waitingForWritable = false;
            sendBody();
        }
    }

    private void sendHead() {
        if (finished || !ctx.channel().isActive()) {
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(response.status(), response.reason()));
        HttpHeaders headers = head.headers();
        for (Map.Entry<String, String> field : response.headerList()) {
            headers.add(field.getKey(), field.getValue());
        }
        boolean framed = headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                || headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
        int status = response.status();
        boolean bodyless = status < 200 || status == 204 || status == 304;
        if (!framed && !bodyless) {
            if (response.chunked()) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                headers.setInt(HttpHeaderNames.CONTENT_LENGTH, response.bodyBytes().length);
            }
        }
        if (!headers.contains(HttpHeaderNames.CONNECTION)) {
            if (!keepAlive) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (requestVersion.equals(HttpVersion.HTTP_1_0)) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        encoder.answersHead(answersHead);
        lastWrite = ctx.write(head);
        body = response.bodyBytes();
        boolean sendsBody = !answersHead && !bodyless;
        limit = !sendsBody ? 0
                : response.socketPolicy() == SocketPolicy.CLOSE_MID_BODY ? body.length / 2 : body.length;
        pieceSize = response.chunked() ? response.chunkSize()
                : response.throttleBytes() > 0 ? (int) Math.min(response.throttleBytes(), Integer.MAX_VALUE) : PIECE;
        sendBody();
    }

    private void sendBody() {
        if (finished || !ctx.channel().isActive()) {
            return;
        }
        while (offset < limit) {
            if (!ctx.channel().isWritable()) {
                waitingForWritable = true;
                ctx.flush();
                return;
            }
            int length = Math.min(pieceSize, limit - offset);
            lastWrite = ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body, offset, length)));
            offset += length;
            if (response.throttleBytes() > 0 && offset < limit) {
                ctx.flush();
                long pause = response.throttlePeriod().toNanos() * length / response.throttleBytes();
                timer = ctx.executor().schedule(this::sendBody, pause, TimeUnit.NANOSECONDS);
                return;
            }
        }
        finish();
    }

    private void finish() {
        finished = true;
        if (response.socketPolicy() == SocketPolicy.CLOSE_MID_BODY) {
            ctx.flush();
        } else {
            LastHttpContent last = LastHttpContent.EMPTY_LAST_CONTENT;
            if (response.chunked() && !response.trailerList().isEmpty()) {
                last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
                for (Map.Entry<String, String> field : response.trailerList()) {
                    last.trailingHeaders().add(field.getKey(), field.getValue());
                }
            }
            lastWrite = ctx.writeAndFlush(last);
        }
        done.accept(lastWrite);
    }
}

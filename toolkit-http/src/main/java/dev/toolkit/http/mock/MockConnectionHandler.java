package dev.toolkit.http.mock;

import dev.toolkit.core.pipeline.ExchangeEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The exchanges of one mock connection, one at a time: records each request (its raw head from the decoder,
 * its body aggregated under the limit), picks its response (the queue's next, else the dispatcher's or the
 * default), applies the response's {@link SocketPolicy} and has a {@link ResponseSender} write it. Requests a
 * client pipelines behind one still being answered wait, decoded, until it is done. Bad input is answered
 * with its 4xx status, recorded with the reason, and the connection closed.
 */
final class MockConnectionHandler extends ChannelInboundHandlerAdapter {

    private enum State {
        /** Waiting for a request head. */
        HEAD,
        /** Reading a request body. */
        BODY,
        /** Answering; requests that arrive wait in the backlog. */
        RESPONDING,
        /** Nothing more is answered on this connection (closing, closed, silent or half-closed); input is dropped. */
        DONE,
        /** Reading is off for good ({@link SocketPolicy#STALL}). */
        STALLED
    }

    private final MockScript script;
    private final RawHeadRequestDecoder decoder;
    private final MockResponseEncoder encoder;
    private final int maxBodySize;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private State state = State.HEAD;
    private int connectionIndex;
    private int nextSequence;
    private boolean draining;

    private HttpRequest request;
    private byte[] rawHead;
    private int sequence;
    private boolean chunked;
    private ByteArrayOutputStream body;
    private MockResponse taken;
    private ResponseSender sender;

    MockConnectionHandler(MockScript script, RawHeadRequestDecoder decoder, MockResponseEncoder encoder,
                          int maxBodySize) {
        this.script = script;
        this.decoder = decoder;
        this.encoder = encoder;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connectionIndex = script.connectionOpened();
        if (script.closeAtStart()) {
            state = State.DONE;
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (state) {
            case RESPONDING -> backlog.addLast(msg);
            case DONE, STALLED -> {
                ReferenceCountUtil.release(msg);
                unanswered();
            }
            default -> handle(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (sender != null) {
            sender.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void stop() {
        state = State.DONE;
        if (sender != null) {
            sender.cancel();
        }
        releaseBacklog();
    }

    private void releaseBacklog() {
        Object waiting;
        while ((waiting = backlog.pollFirst()) != null) {
            ReferenceCountUtil.release(waiting);
        }
    }

    /** One decoded message of the exchange in progress; released here. */
    private void handle(Object msg) {
        try {
            if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
                malformed(msg, object.decoderResult());
                return;
            }
            if (msg instanceof HttpRequest head && state == State.HEAD) {
                head(head);
            }
            if (msg instanceof HttpContent content && state == State.BODY) {
                content(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void head(HttpRequest head) {
        request = head;
        rawHead = decoder.takeHead();
        sequence = nextSequence++;
        chunked = HttpUtil.isTransferEncodingChunked(head);
        body = new ByteArrayOutputStream();
        taken = script.takeQueued();
        if (taken != null && taken.socketPolicy() == SocketPolicy.STALL) {
            record(EmptyHttpHeaders.INSTANCE, null);
            stall();
            return;
        }
        String expect = head.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
            record(EmptyHttpHeaders.INSTANCE, null);
            answerAndClose(HttpResponseStatus.EXPECTATION_FAILED, "unsupported expectation: " + expect);
            return;
        }
        if (HttpUtil.is100ContinueExpected(head)) {
            MockResponse.ExpectContinue answer = taken != null ? taken.expectContinue()
                    : script.fallbackExpectContinue();
            switch (answer) {
                case CONTINUE -> ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER))
                        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
                case REJECT -> {
                    record(EmptyHttpHeaders.INSTANCE, null);
                    answerAndClose(HttpResponseStatus.EXPECTATION_FAILED, "the expectation was refused");
                    return;
                }
                case FINAL_RESPONSE -> {
                    RecordedRequest recorded = record(EmptyHttpHeaders.INSTANCE, null);
                    respond(taken != null ? taken : script.fallback(recorded), false);
                    return;
                }
            }
        }
        state = State.BODY;
    }

    private void content(HttpContent content) {
        ByteBuf data = content.content();
        if (body.size() + (long) data.readableBytes() > maxBodySize) {
            refuse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the body is over the mock's maxBodySize of "
                    + maxBodySize + " bytes");
            return;
        }
        try {
            data.getBytes(data.readerIndex(), body, data.readableBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (content instanceof LastHttpContent last) {
            RecordedRequest recorded = record(last.trailingHeaders(), null);
            MockResponse response = taken != null ? taken : script.fallback(recorded);
            respond(response, HttpUtil.isKeepAlive(request));
        }
    }

    /** A request the decoder could not take: answered with the status its failure calls for. */
    private void malformed(Object msg, DecoderResult result) {
        Throwable cause = result.cause();
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        if (msg instanceof HttpRequest head && state == State.HEAD) {
            request = head;
            rawHead = decoder.takeHead();
            sequence = nextSequence++;
            chunked = false;
            body = new ByteArrayOutputStream();
            taken = null;
        }
        refuse(status, "malformed request: " + cause);
    }

    /** Records the failed request (if its head was read), answers {@code status} and closes. */
    private void refuse(HttpResponseStatus status, String reason) {
        if (taken != null) {
            script.giveBack(taken);
            taken = null;
        }
        if (request != null) {
            record(EmptyHttpHeaders.INSTANCE, reason);
        }
        answerAndClose(status, reason);
    }

    private RecordedRequest record(HttpHeaders trailers, String failure) {
        RecordedRequest recorded = new RecordedRequest(request.method(), request.uri(), request.protocolVersion(),
                request.headers(), body.toByteArray(), chunked, trailers, rawHead, connectionIndex, sequence,
                ctx.channel().remoteAddress() instanceof InetSocketAddress remote ? remote : null, failure);
        script.record(recorded);
        return recorded;
    }

    /** Answers the request just read with {@code response}, as its socket policy says. */
    private void respond(MockResponse response, boolean keepAliveAsked) {
        taken = null;
        switch (response.socketPolicy()) {
            case CLOSE_AT_START, CLOSE_AFTER_REQUEST -> close();
            case RESET -> reset();
            case STALL -> stall();
            case NO_RESPONSE -> {
                state = State.DONE;
                unanswered();
            }
            default -> {
                state = State.RESPONDING;
                // CLOSE_MID_BODY and HALF_CLOSE end the connection without announcing it.
                boolean keepAlive = keepAliveAsked && !response.closesConnection();
                sender = new ResponseSender(ctx, encoder, response, HttpMethod.HEAD.equals(request.method()),
                        keepAlive, request.protocolVersion(), last -> sent(response, keepAlive, last));
                sender.start();
            }
        }
    }

    /** The response's last write is queued: go on to the next request, or end the connection as asked. */
    private void sent(MockResponse response, boolean keepAlive, ChannelFuture last) {
        sender = null;
        request = null;
        if (response.socketPolicy() == SocketPolicy.HALF_CLOSE) {
            state = State.DONE;
            unanswered();
            last.addListener(written -> halfClose());
        } else if (!keepAlive || response.socketPolicy() == SocketPolicy.CLOSE_MID_BODY) {
            state = State.DONE;
            last.addListener(ChannelFutureListener.CLOSE);
        } else {
            state = State.HEAD;
            drainBacklog();
        }
    }

    /** Handles the requests that waited, until one of them is being answered again. */
    private void drainBacklog() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while ((state == State.HEAD || state == State.BODY) && !backlog.isEmpty()) {
                handle(backlog.pollFirst());
            }
            if (state == State.DONE || state == State.STALLED) {
                releaseBacklog();
            }
        } finally {
            draining = false;
        }
    }

    private void answerAndClose(HttpResponseStatus status, String reason) {
        state = State.DONE;
        request = null;
        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8), new DefaultHttpHeaders(),
                new DefaultHttpHeaders());
        answer.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        encoder.answersHead(false);
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    private void close() {
        state = State.DONE;
        releaseBacklog();
        ctx.close();
    }

    /** Closes with SO_LINGER 0: the kernel sends a reset instead of a FIN. */
    private void reset() {
        state = State.DONE;
        releaseBacklog();
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.channel().close();
    }

    private void stall() {
        state = State.STALLED;
        releaseBacklog();
        unanswered();
        ctx.channel().config().setAutoRead(false);
    }

    /**
     * Tells core's exchange tracker that what was read is dealt with although nothing answers it (on
     * purpose), so the client closing the connection is no failure and a draining server need not wait.
     */
    private void unanswered() {
        ctx.channel().pipeline().fireUserEventTriggered(ExchangeEvent.END);
    }

    /** Ends the output side only (after a close_notify under TLS), reading on. */
    private void halfClose() {
        if (!(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive()) {
            return;
        }
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls != null) {
            tls.closeOutbound().addListener(closed -> duplex.shutdownOutput());
        } else {
            duplex.shutdownOutput();
        }
    }
}

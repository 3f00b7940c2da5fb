package dev.toolkit.http.server;

import dev.toolkit.core.error.Exceptions;
import dev.toolkit.core.pipeline.ClientAddress;
import dev.toolkit.core.pipeline.ConnectionPipeline;
import dev.toolkit.core.pipeline.ExchangeEvent;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The exchanges of one connection: turns each decoded request into an {@link HttpRequest} environment, calls
 * the application at once (so that pipelined requests are worked on together), and hands the answers to the
 * {@link ResponseWriter} in request order. It decides what the server answers itself (limits, expectations,
 * unknown methods, time-outs, failed applications), when to read (at most {@code maxPipelinedRequests} ahead,
 * and a body only as fast as it is consumed: auto-read is off), keep-alive and close.
 */
final class HttpServerHandler extends ChannelDuplexHandler implements RequestTimeouts.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final ServerContext server;
    private final RequestTimeouts timeouts;
    private final ResponseWriter writer;
    /** The compressor, or null if the server does not compress; in the pipeline once a request accepts one. */
    private final CompressionPolicy compression;
    private ChannelHandlerContext ctx;
    private ConnectionPipeline.Drain drain;

    private final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
    /** The exchange whose body is arriving, or null between requests. */
    private Exchange reading;
    /** No further request is taken: the connection closes after the answers already queued. */
    private boolean lastRequestTaken;
    private int requests;
    private boolean inRead;
    private boolean flushPending;
    private boolean readPending;
    private boolean exchangeOpen;
    /** Answers handed to the writer whose writes have not completed. */
    private int inFlight;
    /** An answer that closes the connection was handed to the writer: nothing more is written. */
    private boolean lastAnswerWritten;
    private boolean closed;
    private String scheme;
    private InetSocketAddress peer;
    private boolean proxied;

    HttpServerHandler(ServerContext server, RequestTimeouts timeouts, CompressionPolicy compression) {
        this.server = server;
        this.timeouts = timeouts;
        this.compression = compression;
        this.writer = new ResponseWriter(server, compression);
        timeouts.listener(this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        drain = ConnectionPipeline.Drain.of(ctx.channel());
        writer.attach(ctx, this::written);
        ctx.channel().config().setAutoRead(false);
        scheme = ctx.pipeline().get(SslHandler.class) != null ? "https" : "http";
        InetSocketAddress fromProxy = ClientAddress.proxied(ctx.channel());
        proxied = fromProxy != null;
        SocketAddress address = ClientAddress.of(ctx.channel());
        peer = address instanceof InetSocketAddress ? (InetSocketAddress) address : null;
        if (ctx.channel().isActive()) {
            read();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        read();
        ctx.fireChannelActive();
    }

    // ----- inbound

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        readPending = false;
        if (msg instanceof HttpRequest) {
            requestHead((HttpRequest) msg);
        }
        if (msg instanceof HttpContent) {
            content((HttpContent) msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        // The read asked for is over, whether or not it made a whole message.
        readPending = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        read();
        ctx.fireChannelReadComplete();
    }

    private void requestHead(HttpRequest head) {
        if (lastRequestTaken || closed) {
            return;
        }
        boolean viaCompressor = compressorFor(head);
        boolean bodyFollows = HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
        timeouts.headerReceived(bodyFollows);
        requests++;
        boolean isHead = HttpMethod.HEAD.equals(head.method());
        HttpVersion version = head.protocolVersion();
        if (head.decoderResult().isFailure()) {
            Throwable cause = head.decoderResult().cause();
            LOG.debug("refused a request from {}: {}", peer, cause.toString());
            Exchange rejection = Exchange.rejection(null, null, version, false,
                    HttpPipeline.rejectionStatus(cause, false));
            rejection.viaCompressor = viaCompressor;
            enqueue(rejection);
            stopTaking();
            return;
        }
        StreamingBody body = new StreamingBody(head, server.config.maxBodySize(), ctx.channel().eventLoop(),
                this::read, server.forms, !bodyFollows);
        ClientOrigin origin = ClientOrigin.of(peer, proxied, scheme, head.headers(), server.trustedProxies);
        SocketAddress local = ctx.channel().localAddress();
        RequestEnvironment request = new RequestEnvironment(head, origin,
                local instanceof InetSocketAddress ? (InetSocketAddress) local : null, body, server.workers);
        boolean keepAlive = HttpUtil.isKeepAlive(head) && requests < server.config.maxRequestsPerConnection();
        Exchange exchange = new Exchange(request, body, version, isHead, keepAlive);
        exchange.viaCompressor = viaCompressor;
        String expect = head.headers().get(HttpHeaderNames.EXPECT);
        HttpResponseStatus refusal = refusal(head, expect, bodyFollows);
        if (bodyFollows && refusal == null) {
            reading = exchange;
        }
        if (refusal != null) {
            exchange.reject(refusal);
            enqueue(exchange);
            stopTaking();
            return;
        }
        if (!keepAlive) {
            stopTaking();
        }
        exchange.expectContinue = expect != null && bodyFollows;
        enqueue(exchange);
        dispatchAllowed();
    }

    /**
     * Whether {@code head}'s answer goes through the compressor, which is put in the pipeline (in front of this
     * handler) by the first request that accepts an encoding: until then no answer could be compressed, and
     * the codec would only cost every request its hops. The request that installs it passed before it was
     * there, so it is told of that request; the answers to earlier ones go round it.
     */
    private boolean compressorFor(HttpRequest head) {
        if (compression == null) {
            return false;
        }
        if (compression.context() == null) {
            if (!head.headers().contains(HttpHeaderNames.ACCEPT_ENCODING)) {
                return false;
            }
            ctx.pipeline().addBefore(ctx.name(), HttpProtocol.COMPRESSOR, compression);
            try {
                compression.requestPassed(head);
            } catch (Exception e) {
                // a fresh compressor has no request queued, so its pipelining bound cannot be what refused it
                throw new IllegalStateException("the compressor refused " + head.method() + " " + head.uri(), e);
            }
        }
        return true;
    }

    /**
     * Calls the application for the requests within {@code maxPipelinedRequests} of the oldest unanswered
     * one. Requests decoded beyond (one read may hold many) wait here, their heads only, until answers go out.
     */
    private void dispatchAllowed() {
        // One at a time, each found by a new walk: an application that answers at once writes, which changes
        // the queue under an iterator.
        for (Exchange due; (due = nextDue()) != null; ) {
            due.dispatched = true;
            dispatch(due);
        }
    }

    /** The oldest exchange within the pipelining limit whose application has not been called, or null. */
    private Exchange nextDue() {
        int position = 0;
        for (Exchange exchange : exchanges) {
            if (position++ >= server.config.maxPipelinedRequests()) {
                return null;
            }
            if (!exchange.dispatched && !exchange.ready && exchange.request != null) {
                return exchange;
            }
        }
        return null;
    }

    /** What the server answers itself instead of the application, or null. */
    private HttpResponseStatus refusal(HttpRequest head, String expect, boolean bodyFollows) {
        // the header count, the method and the framing were checked by the codec (ServerCodec)
        if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
            return HttpResponseStatus.EXPECTATION_FAILED;
        }
        if (bodyFollows && HttpUtil.getContentLength(head, -1L) > server.config.maxBodySize()) {
            return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        return null;
    }

    private void content(HttpContent content) {
        Exchange exchange = reading;
        if (exchange == null || closed) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            HttpResponseStatus status = HttpPipeline.rejectionStatus(content.decoderResult().cause(), true);
            exchange.body.fail(new RequestBodyException(status, "malformed body of " + exchange.requestLine()
                    + ": " + content.decoderResult().cause(), content.decoderResult().cause()));
            reading = null;
            exchange.reject(status);
            stopTaking();
            writeReady();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        RequestBodyException tooLarge = exchange.body.offer(content);
        if (tooLarge != null) {
            reading = null;
            exchange.reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
            stopTaking();
            writeReady();
            return;
        }
        if (last) {
            exchange.body.end();
            reading = null;
            timeouts.bodyReceived();
        }
    }

    private void stopTaking() {
        lastRequestTaken = true;
    }

    private void enqueue(Exchange exchange) {
        if (exchanges.isEmpty() && !exchangeOpen) {
            exchangeOpen = true;
            ctx.pipeline().fireUserEventTriggered(ExchangeEvent.BEGIN);
        }
        exchanges.add(exchange);
        if (exchange.ready) {
            writeReady();
        } else if (exchange.expectContinue && exchanges.peek() == exchange) {
            sendContinue(exchange);
        }
    }

    // ----- the application

    private void dispatch(Exchange exchange) {
        CompletableFuture<HttpResponse> future;
        try {
            future = server.application.handleAsync(exchange.request);
        } catch (RuntimeException | Error e) {
            failed(exchange, e);
            return;
        }
        if (future == null) {
            failed(exchange, new IllegalStateException("application " + server.application
                    + " returned no future for " + exchange.requestLine()));
            return;
        }
        if (future.isDone() && !future.isCompletedExceptionally()) {
            // answered at once (a non-blocking application): no callback and no hop needed
            completed(exchange, future.getNow(null), null);
            return;
        }
        future.whenComplete((response, failure) -> {
            if (ctx.executor().inEventLoop()) {
                completed(exchange, response, failure);
            } else {
                ctx.executor().execute(() -> completed(exchange, response, failure));
            }
        });
    }

    private void completed(Exchange exchange, HttpResponse response, Throwable failure) {
        if (failure != null) {
            failed(exchange, failure);
            return;
        }
        if (response == null) {
            failed(exchange, new IllegalStateException("application " + server.application
                    + " answered no response for " + exchange.requestLine()));
            return;
        }
        exchange.answer(response);
        writeReady();
    }

    private void failed(Exchange exchange, Throwable failure) {
        Throwable cause = Exceptions.unwrap(failure);
        if (cause instanceof RequestBodyException) {
            exchange.answer(Responses.status(((RequestBodyException) cause).status()));
            if (!exchange.body.isComplete()) {
                exchange.closeAfter = true;
            }
        } else if (cause instanceof RejectedExecutionException) {
            LOG.warn("no worker free for {} from {}: 503", exchange.requestLine(), peer);
            exchange.answer(Responses.status(HttpResponseStatus.SERVICE_UNAVAILABLE));
        } else {
            LOG.error("application failed on {} from {}", exchange.requestLine(), peer, cause);
            exchange.answer(Responses.status(HttpResponseStatus.INTERNAL_SERVER_ERROR));
        }
        writeReady();
    }

    // ----- answers, in order

    private void sendContinue(Exchange exchange) {
        if (exchange.continueSent || exchange.body.isComplete() || exchange.ready || closed) {
            return;
        }
        exchange.continueSent = true;
        ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        flush();
    }

    /** Writes every answer that is ready and whose turn it is. */
    private void writeReady() {
        while (!closed && !lastAnswerWritten && !writer.busy()) {
            Exchange next = exchanges.peek();
            if (next == null) {
                return;
            }
            if (!next.ready) {
                if (next.expectContinue) {
                    sendContinue(next);
                }
                return;
            }
            exchanges.poll();
            next.started = true;
            boolean close = next.closeAfter || !next.keepAlive || draining()
                    || (next.body != null && !next.body.isComplete());
            if (close) {
                next.closeAfter = true;
                lastAnswerWritten = true;
                stopTaking();
            }
            inFlight++;
            writer.write(next, close);
            flush();
            dispatchAllowed();
        }
    }

    /** A response was written to its end ({@code sent} body bytes, or -1 if the connection was closed). */
    private void written(Exchange exchange, long sent) {
        inFlight--;
        if (server.accessLog && AccessLog.enabled()) {
            HttpHeaders headers = exchange.request == null ? null : exchange.request.headers();
            AccessLog.log(exchange.request == null ? peer : exchange.request.remoteAddress(), exchange.startMillis,
                    exchange.requestLine(), exchange.response.status().code(), sent,
                    headers == null ? null : headers.get(HttpHeaderNames.REFERER),
                    headers == null ? null : headers.get(HttpHeaderNames.USER_AGENT));
        }
        if (exchange.body != null) {
            exchange.body.discard();
            exchange.body.release();
        }
        if (exchange.closeAfter || sent < 0) {
            closeConnection();
            return;
        }
        if (exchanges.isEmpty() && inFlight == 0) {
            if (exchangeOpen) {
                exchangeOpen = false;
                ctx.pipeline().fireUserEventTriggered(ExchangeEvent.END);
            }
            timeouts.idle();
        }
        writeReady();
        read();
    }

    private void flush() {
        if (inRead) {
            flushPending = true;
        } else {
            ctx.flush();
        }
    }

    private boolean draining() {
        return drain.isDraining();
    }

    private void closeConnection() {
        if (closed) {
            return;
        }
        closed = true;
        timeouts.stop();
        ctx.flush();
        ctx.close();
    }

    // ----- reading

    /** Asks for more bytes when the connection can take them: a body being consumed, or room for a request. */
    private void read() {
        if (closed || readPending || !ctx.channel().isActive()) {
            return;
        }
        boolean wanted;
        Exchange body = reading;
        if (body != null) {
            wanted = body.body.wantsMore() || body.closeAfter && body.body.isUnclaimed();
            if (wanted) {
                timeouts.bodyResumed();
            } else {
                timeouts.bodyPaused();
            }
        } else {
            wanted = !lastRequestTaken && exchanges.size() < server.config.maxPipelinedRequests();
        }
        if (wanted) {
            readPending = true;
            ctx.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            writer.resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ----- time-outs and the end

    @Override
    public void headerTimedOut(Duration limit) {
        if (closed) {
            return;
        }
        LOG.debug("header time-out ({}) on a request from {}", limit, peer);
        Exchange timedOut = Exchange.rejection(null, null, HttpVersion.HTTP_1_1, false,
                HttpResponseStatus.REQUEST_TIMEOUT);
        enqueue(timedOut);
        stopTaking();
        writeReady();
    }

    @Override
    public void bodyTimedOut(Duration limit) {
        Exchange exchange = reading;
        if (exchange == null || closed) {
            return;
        }
        reading = null;
        exchange.body.fail(new RequestBodyException(HttpResponseStatus.REQUEST_TIMEOUT, "no body byte of "
                + exchange.requestLine() + " from " + peer + " for " + limit));
        exchange.reject(HttpResponseStatus.REQUEST_TIMEOUT);
        stopTaking();
        writeReady();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        timeouts.stop();
        Exchange exchange = reading;
        reading = null;
        if (exchange != null) {
            exchange.body.fail(new RequestBodyException(HttpResponseStatus.BAD_REQUEST,
                    "the connection closed in the middle of the body of " + exchange.requestLine()));
        }
        writer.closed();
        for (Exchange pending; (pending = exchanges.poll()) != null; ) {
            if (pending.body != null) {
                pending.body.release();
            }
        }
        ctx.fireChannelInactive();
    }
}

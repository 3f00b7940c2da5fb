package dev.toolkit.http.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One request on a connection and its answer, from its head's arrival until its response is written. Event
 * loop only.
 */
final class Exchange {

    /** The request (null for an answer to something that was no request: a time-out, a decoder failure). */
    final RequestEnvironment request;
    final StreamingBody body;
    final HttpVersion version;
    final boolean head;
    final long startMillis;
    /** Whether the client lets the connection stay open after this answer. */
    boolean keepAlive;
    /** Whether {@code Expect: 100-continue} asks for an interim answer before the body. */
    boolean expectContinue;
    boolean continueSent;
    HttpResponse response;
    /** The connection closes after this answer. */
    boolean closeAfter;
    boolean ready;
    boolean started;
    /** Whether the application has been called (at most maxPipelinedRequests ahead of the oldest answer). */
    boolean dispatched;
    /**
     * Whether the compressor saw this answer's request, so that the answer must go through it too (false when
     * the compressor was not in the pipeline yet, and for an answer to no request: a time-out).
     */
    boolean viaCompressor;

    Exchange(RequestEnvironment request, StreamingBody body, HttpVersion version, boolean head, boolean keepAlive) {
        this.request = request;
        this.body = body;
        this.version = version;
        this.head = head;
        this.keepAlive = keepAlive;
        this.startMillis = System.currentTimeMillis();
    }

    /** An answer the server gives itself, then closes the connection. */
    static Exchange rejection(RequestEnvironment request, StreamingBody body, HttpVersion version, boolean head,
            HttpResponseStatus status) {
        Exchange exchange = new Exchange(request, body, version, head, false);
        exchange.reject(status);
        return exchange;
    }

    /** Answers with {@code status} and closes, whatever the application says (if it has not been sent yet). */
    void reject(HttpResponseStatus status) {
        closeAfter = true;
        if (!started) {
            response = Responses.status(status);
            ready = true;
        }
    }

    /** Sets the application's answer, unless the server already decided on one. */
    void answer(HttpResponse answer) {
        if (!ready) {
            response = answer;
            ready = true;
        }
    }

    String requestLine() {
        return request == null ? "-" : request.requestLine();
    }
}

package dev.toolkit.http.mock;

/**
 * What a {@link MockHttpServer} does with the connection of a request, besides (or instead of) answering it:
 * how a test makes a server misbehave to see how its client copes. Set on a response with
 * {@link MockResponse.Builder#socketPolicy(SocketPolicy)}.
 *
 * <p>Every policy but {@link #CLOSE_AT_START} applies to the request that takes the response from the queue.
 * A response from the {@linkplain MockHttpServer#dispatcher dispatcher} is chosen once the whole request is
 * read, so there {@link #CLOSE_AT_START} and {@link #STALL} act after reading it.
 */
public enum SocketPolicy {

    /** Answers and keeps the connection open for the next request (unless either side asked to close). */
    KEEP_OPEN,

    /**
     * Accepts the connection and closes it before reading anything (with TLS, right after the handshake): the
     * client sees its connection closed before any response (a pooled connection the server dropped, say). The
     * response is taken from the queue by the connection when it is at the head of the queue as the connection
     * opens, and no request is recorded; taken by a request instead, it closes as
     * {@link #CLOSE_AFTER_REQUEST} does.
     */
    CLOSE_AT_START,

    /** Reads the whole request (it is recorded), then closes the connection without answering. */
    CLOSE_AFTER_REQUEST,

    /**
     * Reads the request, sends the response's headers and the first half of its body, then closes: a
     * truncated body. The response's body must have at least two bytes.
     */
    CLOSE_MID_BODY,

    /**
     * Reads the request's head (recorded with an empty body), then reads nothing more and answers nothing,
     * keeping the connection open: a client waits until its own time-out.
     */
    STALL,

    /** Reads the whole request (recorded), never answers and keeps the connection open, still reading. */
    NO_RESPONSE,

    /**
     * Answers, then shuts down the output side of the connection (a FIN; under TLS a close_notify first) while
     * still reading: the client sees the end of the stream right after the response.
     */
    HALF_CLOSE,

    /**
     * Reads the whole request (recorded), then closes with SO_LINGER 0, so the client's side sees a TCP reset
     * (RST) instead of an orderly end of stream.
     */
    RESET
}

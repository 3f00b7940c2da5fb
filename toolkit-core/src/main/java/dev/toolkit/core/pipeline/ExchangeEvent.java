package dev.toolkit.core.pipeline;

/**
 * Marks where a protocol's exchanges begin and end, for graceful shutdown, when the generic rule does not fit.
 *
 * <p>By default a connection is <em>in the middle of an exchange</em> when bytes were read that no completed
 * write has answered yet, or when a write has not been completed; a draining server closes a connection as
 * soon as it is not. A protocol whose requests and answers do not follow that shape (several answers to one
 * request, a request answered by nothing, several requests read at once) fires these events from the head of
 * the pipeline:
 * <pre>{@code
 * ctx.channel().pipeline().fireUserEventTriggered(ExchangeEvent.BEGIN);
 * ...
 * ctx.channel().pipeline().fireUserEventTriggered(ExchangeEvent.END);
 * }</pre>
 * Between BEGIN and END the connection counts as busy whatever was read or written; END also counts every byte
 * read so far as answered. The server's own handler consumes the events; they never reach the protocol.
 */
public enum ExchangeEvent {
    /** An exchange began: do not close this connection until {@link #END}. */
    BEGIN,
    /** The exchange ended: everything read so far has been dealt with. */
    END
}

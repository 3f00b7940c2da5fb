package dev.toolkit.core.pipeline;

import io.netty.channel.Channel;

/**
 * The security stage of a client connection's pipeline (TLS, from {@code toolkit-tls}). The assembler
 * ({@link ConnectionPipeline}) calls {@link #install} on each new connection with the host and port of the
 * connect call, so the name sent as SNI and verified against the server's certificate is the one the caller
 * connected to. Same contract as {@link ServerSecurity}: handlers before {@code before}, Netty's
 * {@link io.netty.handler.ssl.SslHandshakeCompletionEvent} when the handshake ends, a failure also fired once
 * as an exception; connecting completes only after a successful handshake.
 */
@FunctionalInterface
public interface ClientSecurity {

    /**
     * Adds the stage's handlers to {@code channel}'s pipeline, before the handler named {@code before}.
     *
     * @param host the host name or address literal of the connect call
     * @param port the port of the connect call
     */
    void install(Channel channel, String before, String host, int port);
}

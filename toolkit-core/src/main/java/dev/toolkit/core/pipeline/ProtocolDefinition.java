package dev.toolkit.core.pipeline;

import io.netty.channel.Channel;

/**
 * What a server or client connection speaks: installs the protocol's codec and handler on each connection.
 *
 * <p>The toolkit adds its own handlers (PROXY header, limits, TLS, metrics, wire log, time-outs, error
 * reporting) around the ones added here ({@link ConnectionPipeline}), so an implementation adds only the
 * protocol: for example a framing decoder and the handler that answers. It is called at the connection's
 * ready moment (past the PROXY header, the limits and the TLS handshake), so the handlers it adds see
 * {@code channelActive} right after being added, and never see a connection that was refused. The error
 * handler is added after the protocol's handlers under the name {@link ConnectionPipeline#ERRORS}; handlers
 * added later go before it. Under {@code Architecture.MULTI_PROCESS} the definition is instantiated in each
 * worker process by class name, so it must then be a public class with a public no-argument constructor.
 */
@FunctionalInterface
public interface ProtocolDefinition {

    /**
     * Adds the protocol's handlers to {@code channel.pipeline()}. Called once per connection, when it is
     * ready, on the thread that serves it.
     *
     * @param channel the new connection
     */
    void initialize(Channel channel);
}

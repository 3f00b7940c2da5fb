package dev.toolkit.core.pipeline;

import io.netty.channel.Channel;

/**
 * What a server speaks: installs the protocol's codec and handler on each new connection.
 *
 * <p>The toolkit adds its own handlers (metrics, wire log, limits, time-outs, error reporting) around the
 * ones added here, so an implementation adds only the protocol: for example a framing decoder and the
 * handler that answers. The error handler is added after the protocol's handlers under the name
 * {@link dev.toolkit.core.pipeline.ConnectionErrorHandler#NAME}; handlers added later go before it. Under {@code Architecture.MULTI_PROCESS} the definition is instantiated in each
 * worker process by class name, so it must then be a public class with a public no-argument constructor.
 */
@FunctionalInterface
public interface ProtocolDefinition {

    /**
     * Adds the protocol's handlers to {@code channel.pipeline()}. Called once per accepted connection, on the
     * thread that will serve it.
     *
     * @param channel the new connection
     */
    void initialize(Channel channel);
}

package dev.toolkit.core.pipeline;

import io.netty.channel.Channel;

import java.util.List;
import java.util.Objects;

/**
 * The security stage of a server connection's pipeline (TLS, from {@code toolkit-tls}): adds the handlers
 * that turn the raw bytes into the protocol's plaintext. The assembler ({@link ConnectionPipeline}) calls
 * {@link #install} on each connection that passed the PROXY header and the limits; STARTTLS calls it later
 * through {@link ConnectionPipeline#startSecurity(Channel, ServerSecurity)}.
 *
 * <p>Contract: the handlers go before the handler named {@code before}; when the handshake ends they fire
 * Netty's {@link io.netty.handler.ssl.SslHandshakeCompletionEvent}, and a failed handshake (a time-out too) is
 * also fired once as an exception, preferably a {@link dev.toolkit.core.error.TlsException}. Until the
 * successful event the protocol does not see the connection.
 */
@FunctionalInterface
public interface ServerSecurity {

    /** Adds the stage's handlers to {@code channel}'s pipeline, before the handler named {@code before}. */
    void install(Channel channel, String before);

    /**
     * How a worker process of a {@code MULTI_PROCESS} server makes the same stage: a factory class with a
     * public no-argument constructor and the text arguments it takes; {@code null} (the default) when this
     * stage cannot be rebuilt in another process, which such a server then refuses before starting.
     */
    default Recipe recipe() {
        return null;
    }

    /** Builds a {@link ServerSecurity} in a worker process from the arguments of its {@link Recipe}. */
    interface Factory {
        /** The stage the arguments describe. */
        ServerSecurity create(List<String> arguments);
    }

    /**
     * A factory class and its arguments, carried to worker processes on their command line.
     *
     * @param factory a public class with a public no-argument constructor
     * @param arguments its arguments (no secrets: a command line is visible to every local user)
     */
    record Recipe(Class<? extends Factory> factory, List<String> arguments) {
        public Recipe {
            Objects.requireNonNull(factory, "factory");
            arguments = List.copyOf(arguments);
        }
    }
}

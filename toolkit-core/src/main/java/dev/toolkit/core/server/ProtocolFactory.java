package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProtocolDefinition;

import java.util.List;

/**
 * Makes a protocol from string arguments: how a protocol that needs configuration (an SMTP message handler
 * and its spool directory, an HTTP router class, TLS key files) is named so that every process of a
 * {@link Architecture#MULTI_PROCESS} server can make its own. Give it to a server as
 * {@link NamedProtocol#of(Class, String...)}.
 *
 * <p>An implementation is a public top-level or static nested class with a public no-argument constructor,
 * on the class path; it reads everything it needs from the arguments (paths, class names, numbers), never
 * from objects of the process that starts the server, which worker processes do not have.
 *
 * <pre>{@code
 * public final class SpoolingSmtp implements ProtocolFactory {
 *     public ProtocolDefinition create(List<String> arguments) {
 *         Path spool = Path.of(arguments.get(0));
 *         return channel -> channel.pipeline().addLast(Framing.lines(998).newDecoder(), new Smtp(spool));
 *     }
 * }
 * Servers.start(multiProcessConfig, NamedProtocol.of(SpoolingSmtp.class, "/var/spool/toolkit"));
 * }</pre>
 */
@FunctionalInterface
public interface ProtocolFactory {

    /**
     * Makes the protocol; called once per process that serves it.
     *
     * @param arguments the arguments given to {@link NamedProtocol#of}, in order
     * @throws IllegalArgumentException if the arguments are wrong (the message says which and why)
     */
    ProtocolDefinition create(List<String> arguments);
}

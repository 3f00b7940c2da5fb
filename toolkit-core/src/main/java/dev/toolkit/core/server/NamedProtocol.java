package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Objects;

/**
 * A protocol named by its {@link ProtocolFactory} class and string arguments, so that it can be made again in
 * another process: what a {@link Architecture#MULTI_PROCESS} server carries to its workers, along with the
 * rest of the configuration. Under every other architecture it makes the protocol once, in this process, the
 * first time a connection needs it.
 *
 * <p>{@link #of} checks at once that a worker can load and make the factory (a lambda, or a class that is not
 * public or has no public no-argument constructor, is refused with an {@link IllegalArgumentException});
 * a MULTI_PROCESS server also makes the protocol once before starting any worker, so that wrong arguments
 * fail {@link Servers#start} before any process starts. The arguments appear on the workers' command lines:
 * name files holding secrets (a key file), never the secrets themselves.
 */
public final class NamedProtocol implements ProtocolDefinition {

    private final Class<? extends ProtocolFactory> factory;
    private final List<String> arguments;
    private volatile ProtocolDefinition protocol;

    private NamedProtocol(Class<? extends ProtocolFactory> factory, List<String> arguments) {
        this.factory = factory;
        this.arguments = arguments;
    }

    /**
     * The protocol that {@code factory} makes from {@code arguments}.
     *
     * @throws IllegalArgumentException if a worker process could not make {@code factory} by its name
     */
    public static NamedProtocol of(Class<? extends ProtocolFactory> factory, String... arguments) {
        return of(factory, List.of(Objects.requireNonNull(arguments, "arguments")));
    }

    /**
     * The protocol that {@code factory} makes from {@code arguments}.
     *
     * @throws IllegalArgumentException if a worker process could not make {@code factory} by its name
     * @throws NullPointerException if an argument is null
     */
    public static NamedProtocol of(Class<? extends ProtocolFactory> factory, List<String> arguments) {
        Objects.requireNonNull(factory, "factory");
        ProcessGroupServer.creatableByName(factory);
        return new NamedProtocol(factory, List.copyOf(arguments));
    }

    /** The factory class. */
    public Class<? extends ProtocolFactory> factory() {
        return factory;
    }

    /** The arguments, in order. */
    public List<String> arguments() {
        return arguments;
    }

    /**
     * A new protocol from the factory and the arguments.
     *
     * @throws IllegalArgumentException if the factory refuses the arguments, or cannot be made
     */
    public ProtocolDefinition create() {
        return create(factory.getName(), arguments);
    }

    /** Makes the protocol that the factory class named {@code className} makes from {@code arguments}. */
    static ProtocolDefinition create(String className, List<String> arguments) {
        ProtocolFactory made;
        try {
            Class<?> type = Class.forName(className);
            if (!ProtocolFactory.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " is not a " + ProtocolFactory.class.getName());
            }
            made = (ProtocolFactory) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make protocol factory " + className + ": " + e, e);
        }
        ProtocolDefinition protocol = made.create(arguments);
        if (protocol == null) {
            throw new IllegalArgumentException("protocol factory " + className + " made no protocol from "
                    + arguments);
        }
        return protocol;
    }

    @Override
    public void initialize(Channel channel) {
        ProtocolDefinition p = protocol;
        if (p == null) {
            synchronized (this) {
                p = protocol;
                if (p == null) {
                    p = create();
                    protocol = p;
                }
            }
        }
        p.initialize(channel);
    }

    @Override
    public String toString() {
        return factory.getName() + arguments;
    }
}

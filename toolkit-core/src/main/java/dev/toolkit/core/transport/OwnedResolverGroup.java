package dev.toolkit.core.transport;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;

/**
 * Netty's default address resolution for the bootstraps of one client or server, in a group it owns and
 * {@link #close() closes} before shutting its event loops down. Netty's shared default group watches each
 * event loop's termination with a listener, and such listeners run on Netty's {@code GlobalEventExecutor},
 * whose thread is no daemon and keeps the JVM alive for a second after the program is done; closing this
 * group first removes them. (The toolkit resolves names itself; the addresses connected to are resolved.)
 */
public final class OwnedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new DefaultNameResolver(executor).asAddressResolver();
    }
}

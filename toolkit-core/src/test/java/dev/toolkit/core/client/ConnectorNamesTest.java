package dev.toolkit.core.client;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.names.AddressResolver;
import dev.toolkit.core.names.HostsFile;
import dev.toolkit.core.server.RunningServer;
import dev.toolkit.core.server.ServerConfig;
import dev.toolkit.core.server.Servers;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connector resolves names with its configured resolver and connects with happy eyeballs. */
class ConnectorNamesTest {

    @Test
    void connectsToANameFromTheHostsFile(@TempDir Path dir) throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 zen.example.test\n");
        AddressResolver resolver = AddressResolver.builder().hosts(HostsFile.read(hosts)).build();
        try (RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().build(), ch -> { });
             Connector connector = Connector.create(ClientConfig.builder().resolver(resolver).build())) {
            Channel ch = connector.connect("zen.example.test", server.localAddress().getPort(), c -> { });
            assertEquals(server.localAddress(), ((InetSocketAddress) ch.remoteAddress()));
            ch.close().sync();
        }
    }

    @Test
    void anUnknownNameFailsWithTheNameTriedAndNoQuery(@TempDir Path dir) throws Exception {
        // No DNS client: the hosts file is the only source, so nothing leaves the machine.
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        AddressResolver resolver = AddressResolver.builder().hosts(HostsFile.read(hosts)).build();
        try (Connector connector = Connector.create(ClientConfig.builder().resolver(resolver).build())) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> connector.connectAsync("nowhere.example.test", 1060, c -> { }).join());
            NameResolutionException failure = assertInstanceOf(NameResolutionException.class, e.getCause());
            assertTrue(failure.getMessage().contains("nowhere.example.test"), failure.getMessage());
            assertEquals(1, connector.metrics().errors(ErrorKind.RESOLUTION));
        }
    }

    @Test
    void literalsNeedNoResolver() throws Exception {
        try (RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().build(), ch -> { });
             Connector connector = Connector.create(ClientConfig.defaults())) {
            Channel ch = connector.connect("127.0.0.1", server.localAddress().getPort(), c -> { });
            assertTrue(ch.isActive());
            ch.close().sync();
        }
    }
}

package dev.toolkit.core.client;

import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.DnsClientConfig;
import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.names.AddressResolver;
import dev.toolkit.core.names.HostsFile;
import dev.toolkit.core.transport.Transport;
import dev.toolkit.core.transport.Transports;
import dev.toolkit.testing.DnsTestZone;
import dev.toolkit.testing.Dnsmasq;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Happy Eyeballs connections to servers on 127.0.0.1 and ::1. */
class HappyEyeballsIT {

    private static final String DUAL = "127.0.0.1 dual.test\n::1 dual.test\n";

    private EventLoopGroup group;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp() {
        group = Transports.newGroup(Transport.NIO, 1, "test-client");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Bootstrap bootstrap() {
        return new Bootstrap().group(group).channel(Transports.socketChannel(Transport.NIO))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter());
                    }
                });
    }

    private ServerSocket listen(InetAddress address, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(address, port), 50);
        closeables.add(s);
        return s;
    }

    private static HappyEyeballs eyeballs(String hosts) {
        return HappyEyeballs.create(AddressResolver.builder().hosts(HostsFile.parse(hosts)).build());
    }

    private static InetAddress v6Loopback() throws IOException {
        return InetAddress.getByName("::1");
    }

    @Test
    void ipv6IsTriedFirst() throws Exception {
        ServerSocket v4 = listen(InetAddress.getByName("127.0.0.1"), 0);
        listen(v6Loopback(), v4.getLocalPort());
        Channel ch = eyeballs(DUAL).connectAsync(bootstrap(), "dual.test", v4.getLocalPort()).get(30, TimeUnit.SECONDS);
        try {
            assertInstanceOf(Inet6Address.class, ((InetSocketAddress) ch.remoteAddress()).getAddress());
        } finally {
            ch.close().syncUninterruptibly();
        }
    }

    @Test
    void refusedIpv6FallsBackToIpv4() throws Exception {
        ServerSocket v4 = listen(InetAddress.getByName("127.0.0.1"), 0);
        Channel ch = eyeballs(DUAL).connectAsync(bootstrap(), "dual.test", v4.getLocalPort()).get(30, TimeUnit.SECONDS);
        try {
            assertInstanceOf(Inet4Address.class, ((InetSocketAddress) ch.remoteAddress()).getAddress());
        } finally {
            ch.close().syncUninterruptibly();
        }
    }

    @Test
    void allRefusedListsEveryAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        CompletionException e = assertThrows(CompletionException.class,
                () -> eyeballs(DUAL).connectAsync(bootstrap(), "dual.test", port).join());
        ConnectFailedException failure = assertInstanceOf(ConnectFailedException.class, e.getCause());
        assertEquals(ConnectFailedException.Reason.REFUSED, failure.reason());
        assertEquals(List.of(new InetSocketAddress(v6Loopback(), port),
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port)), failure.attempted());
        assertTrue(failure.getMessage().contains("dual.test"), failure.getMessage());
    }

    @Test
    void unknownNameIsAResolutionFailure() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> eyeballs("").connectAsync(bootstrap(), "nowhere.test", 80).join());
        assertInstanceOf(NameResolutionException.class, e.getCause());
    }

    @Test
    void aStalledAttemptIsOvertakenAfterTheAttemptDelay() throws Exception {
        // A listener whose accept queue is full drops further SYNs, so a connection to it hangs.
        ServerSocket stalled = listen(v6Loopback(), 0);
        List<Socket> fillers = new ArrayList<>();
        ServerSocket v4 = listen(InetAddress.getByName("127.0.0.1"), stalled.getLocalPort());
        try {
            ServerSocket full = new ServerSocket();
            closeables.add(full);
            stalled.close();
            full.bind(new InetSocketAddress(v6Loopback(), v4.getLocalPort()), 1);
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket();
                try {
                    s.connect(full.getLocalSocketAddress(), 200);
                    fillers.add(s);
                } catch (IOException timedOut) {
                    s.close();
                    break;
                }
            }
            Channel ch = eyeballs(DUAL).toBuilder().attemptDelay(Duration.ofMillis(100)).build().connectAsync(bootstrap(), "dual.test",
                    v4.getLocalPort()).get(30, TimeUnit.SECONDS);
            try {
                assertInstanceOf(Inet4Address.class, ((InetSocketAddress) ch.remoteAddress()).getAddress());
            } finally {
                ch.close().syncUninterruptibly();
            }
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    @Test
    void namesComeFromDns() throws Exception {
        ServerSocket v4 = listen(InetAddress.getByName("127.0.0.1"), 0);
        try (Dnsmasq dns = DnsTestZone.start();
             DnsClient client = DnsClient.create(DnsClientConfig.builder().server(dns.address()).build())) {
            HappyEyeballs he = HappyEyeballs.create(AddressResolver.builder().hosts(HostsFile.empty()).dns(client)
                    .build());
            Channel ch = he.connectAsync(bootstrap(), "loopback.test", v4.getLocalPort()).get(30, TimeUnit.SECONDS);
            try {
                assertEquals(v4.getLocalPort(), ((InetSocketAddress) ch.remoteAddress()).getPort());
            } finally {
                ch.close().syncUninterruptibly();
            }
        }
    }
}

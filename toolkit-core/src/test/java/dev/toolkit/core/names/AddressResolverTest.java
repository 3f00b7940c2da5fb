package dev.toolkit.core.names;

import dev.toolkit.core.inet.InetText;
import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.dns.DnsClientConfig;
import dev.toolkit.core.error.NameResolutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to getaddrinfo fails with a clear error and sends nothing: the DNS client points at a UDP socket of
 * the test, which must receive no query.
 */
class AddressResolverTest {

    private DatagramSocket trap;
    private DnsClient dns;
    private AddressResolver resolver;

    @BeforeEach
    void setUp() throws Exception {
        trap = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        dns = DnsClient.create(DnsClientConfig.builder()
                .server((InetSocketAddress) trap.getLocalSocketAddress()).timeout(Duration.ofMillis(200)).attempts(1)
                .build());
        resolver = AddressResolver.builder().hosts(HostsFile.parse("127.0.0.1 localhost\n"))
                .services(Services.parse("http 80/tcp www\ndomain 53/udp\n")).dns(dns)
                .configuredFamilies(() -> EnumSet.of(AddressFamily.INET)).build();
    }

    @AfterEach
    void tearDown() {
        dns.close();
        trap.close();
    }

    private NameResolutionException failure(String host, String service, AddressFamily family, SocketType type,
                                            Set<AddrInfoFlag> flags) {
        return assertThrows(NameResolutionException.class,
                () -> resolver.getaddrinfo(host, service, family, type, flags));
    }

    private void assertNothingSent() throws Exception {
        trap.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> trap.receive(new DatagramPacket(new byte[512], 512)));
    }

    @Test
    void badNamesAndServicesSendNothing() throws Exception {
        Set<AddrInfoFlag> none = EnumSet.noneOf(AddrInfoFlag.class);
        for (String bad : List.of("a..test", "a".repeat(64) + ".test", ("a".repeat(63) + ".").repeat(4) + "test",
                "bad name.test", "bad/name", "..")) {
            NameResolutionException e = failure(bad, "80", AddressFamily.ANY, SocketType.STREAM, none);
            assertEquals(NameResolutionException.Reason.BAD_NAME, e.reason(), bad);
            assertEquals(GaiError.EAI_NONAME, GaiError.of(e));
            assertTrue(e.getMessage().contains("invalid name"), e.getMessage());
        }
        NameResolutionException svc = failure("localhost", "nosuchservice", AddressFamily.ANY, SocketType.ANY, none);
        assertEquals(NameResolutionException.Reason.BAD_SERVICE, svc.reason());
        assertTrue(svc.getMessage().contains("unknown service 'nosuchservice'"), svc.getMessage());
        assertEquals(GaiError.EAI_SERVICE, GaiError.of(svc));
        assertEquals(NameResolutionException.Reason.BAD_SERVICE,
                failure("www.test", "www", AddressFamily.ANY, SocketType.DATAGRAM, none).reason());
        assertEquals(NameResolutionException.Reason.BAD_SERVICE,
                failure("www.test", "70000", AddressFamily.ANY, SocketType.STREAM, none).reason());
        assertEquals(NameResolutionException.Reason.BAD_NAME, failure("www.test", "http", AddressFamily.ANY,
                SocketType.STREAM, EnumSet.of(AddrInfoFlag.NUMERICSERV)).reason());
        assertEquals(NameResolutionException.Reason.BAD_NAME, failure("www.test", "80", AddressFamily.ANY,
                SocketType.STREAM, EnumSet.of(AddrInfoFlag.NUMERICHOST)).reason());
        assertEquals(NameResolutionException.Reason.BAD_FAMILY, failure("www.test", "80", AddressFamily.INET6,
                SocketType.STREAM, EnumSet.of(AddrInfoFlag.ADDRCONFIG)).reason());
        assertEquals(NameResolutionException.Reason.BAD_FAMILY, failure("::1", "80", AddressFamily.INET,
                SocketType.STREAM, none).reason());
        assertThrows(IllegalArgumentException.class, () -> resolver.getaddrinfo(null, "80", AddressFamily.ANY,
                SocketType.STREAM, EnumSet.of(AddrInfoFlag.CANONNAME)));
        assertNothingSent();
    }

    @Test
    void addrconfigNarrowsTheFamily() {
        List<AddrInfo> r = resolver.getaddrinfo(null, "80", AddressFamily.ANY, SocketType.STREAM,
                EnumSet.of(AddrInfoFlag.ADDRCONFIG, AddrInfoFlag.PASSIVE));
        assertEquals(List.of("0.0.0.0"), r.stream().map(a -> InetText.format(a.address().getAddress())).toList());
    }

    @Test
    void emptyHostIsTheWildcard() {
        List<AddrInfo> r = resolver.getaddrinfo("", "80", AddressFamily.INET, SocketType.STREAM,
                EnumSet.of(AddrInfoFlag.PASSIVE));
        assertEquals("('0.0.0.0', 80)", AddrInfo.sockaddrText(r.get(0).address()));
    }

    @Test
    void unansweredQueryIsATimeout() throws Exception {
        NameResolutionException e = failure("www.test", "80", AddressFamily.INET, SocketType.STREAM,
                EnumSet.noneOf(AddrInfoFlag.class));
        assertEquals(NameResolutionException.Reason.TIMEOUT, e.reason());
        assertEquals(GaiError.EAI_AGAIN, GaiError.of(e));
        assertEquals(List.of("127.0.0.1:" + trap.getLocalPort()), e.serversAsked());
        assertEquals(List.of("www.test"), e.namesTried());
    }
}

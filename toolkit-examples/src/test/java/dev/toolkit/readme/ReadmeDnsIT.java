package dev.toolkit.readme;

import dev.toolkit.core.names.AddrInfo;
import dev.toolkit.testing.DnsTestZone;
import dev.toolkit.testing.Dnsmasq;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's names and DNS example, against dnsmasq serving the test zone on loopback. */
class ReadmeDnsIT {

    @Test
    void theDnsExampleFindsTheWebServer() throws Exception {
        try (Dnsmasq dns = DnsTestZone.start("mx-host=example.test,mx1.test,10",
                "host-record=www.example.test,192.0.2.80")) {
            List<AddrInfo> infos = CoreSnippets.lookUp("127.0.0.1:" + dns.port());
            assertEquals(List.of(InetAddress.getByName("192.0.2.80")),
                    infos.stream().map(i -> i.address().getAddress()).distinct().toList());
        }
    }
}

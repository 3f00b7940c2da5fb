package dev.toolkit.core.dns;

import dev.toolkit.testing.DnsTestZone;
import dev.toolkit.testing.Dnsmasq;

import java.time.Duration;
import java.util.List;

/** dnsmasq serving {@link DnsTestZone} and a DNS client asking it, with {@code test} as the search list. */
public final class ZoneFixture implements AutoCloseable {

    private final Dnsmasq dns;
    private final DnsClient client;

    private ZoneFixture() {
        this.dns = DnsTestZone.start();
        DnsClient c = null;
        try {
            c = DnsClient.create(DnsClientConfig.builder().server(dns.address()).timeout(Duration.ofSeconds(5))
                    .searchDomains(List.of("test")).build());
        } finally {
            if (c == null) {
                dns.close();
            }
        }
        this.client = c;
    }

    /** Starts dnsmasq and the client. */
    public static ZoneFixture start() {
        return new ZoneFixture();
    }

    /** The DNS server. */
    public Dnsmasq dns() {
        return dns;
    }

    /** The client asking it. */
    public DnsClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            dns.close();
        }
    }
}

package dev.toolkit.examples.ch04;

import dev.toolkit.core.dns.DnsClientConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --server HOST[:PORT]} option of chapter 4's listings: which DNS servers to ask instead of the
 * system's ({@code /etc/resolv.conf}). Mix it in with {@code @Mixin}. A malformed value is a usage error
 * (exit 2).
 */
public final class DnsServerOption {

    @Option(names = "--server", paramLabel = "HOST[:PORT]", converter = ServerConverter.class,
            description = "DNS server to ask (repeatable; an IP address, [IPv6]:PORT with a port); "
                    + "default: the system's")
    private List<InetSocketAddress> servers = new ArrayList<>();

    /**
     * The DNS client settings: the system's resolv.conf settings (search list, ndots, time-out), with the
     * servers given replacing the system's servers entirely.
     */
    public DnsClientConfig config() {
        DnsClientConfig system = DnsClientConfig.system();
        return servers.isEmpty() ? system : system.toBuilder().servers(servers).build();
    }

    /** Parses {@code HOST[:PORT]} with {@link DnsClientConfig#parseServer}. */
    public static final class ServerConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            try {
                return DnsClientConfig.parseServer(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

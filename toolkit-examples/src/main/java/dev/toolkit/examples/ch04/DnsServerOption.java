package dev.toolkit.examples.ch04;

import dev.toolkit.examples.support.ArgumentTypes;
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
        /** {@code HOST:PORT} or {@code [IPv6]:PORT}: group 1 is the port. */
        private static final java.util.regex.Pattern WITH_PORT =
                java.util.regex.Pattern.compile("(?:\\[[^\\]]*\\]|[^:\\[\\]]*):(\\d+)");

        @Override
        public InetSocketAddress convert(String value) {
            java.util.regex.Matcher port = WITH_PORT.matcher(value);
            if (port.matches()) {
                // the port is checked here so that an out-of-range port reads as on every other listing
                new ArgumentTypes.Port().convert(port.group(1));
            }
            try {
                return DnsClientConfig.parseServer(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

package dev.toolkit.examples.ch04;

import dev.toolkit.core.client.ClientConfig;
import dev.toolkit.core.client.Connector;
import dev.toolkit.core.dns.DnsClient;
import dev.toolkit.core.error.ConnectFailedException;
import dev.toolkit.core.error.NameResolutionException;
import dev.toolkit.core.error.OperationTimeoutException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.names.AddrInfo;
import dev.toolkit.core.names.AddrInfoFlag;
import dev.toolkit.core.names.AddressFamily;
import dev.toolkit.core.names.AddressResolver;
import dev.toolkit.core.names.GaiError;
import dev.toolkit.core.names.SocketType;
import dev.toolkit.examples.support.ListingCommand;
import io.netty.channel.Channel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.EnumSet;
import java.util.List;

/**
 * Chapter 4's {@code www_ping.py}: finds the WWW service of a host with {@code getaddrinfo()} (family any, stream
 * sockets, flags ADDRCONFIG, V4MAPPED and CANONNAME) and connects to the first result, as the standard
 * recommends.
 *
 * <p>Prints {@code Name service failure: ...} and exits 1 when the name does not resolve, {@code Network
 * failure: ...} (exit 0, like the original) when the connection fails, and {@code Success: host CANONNAME is
 * listening on port 80} otherwise. Names come from the hosts file, then from DNS ({@code --server} to choose the
 * server).
 */
@Command(name = "www_ping", description = "Try connecting to port 80")
public final class WwwPing extends ListingCommand {

    @Parameters(paramLabel = "hostname", description = "hostname that you want to contact")
    private String hostname;

    @Mixin
    private DnsServerOption dns;

    @Override
    public Integer call() {
        try (DnsClient client = DnsClient.create(dns.config())) {
            AddressResolver resolver = AddressResolver.system(client);
            List<AddrInfo> infolist;
            try {
                infolist = resolver.getaddrinfo(hostname, "www", AddressFamily.ANY, SocketType.STREAM, 0,
                        EnumSet.of(AddrInfoFlag.ADDRCONFIG, AddrInfoFlag.V4MAPPED, AddrInfoFlag.CANONNAME));
            } catch (NameResolutionException e) {
                out().println("Name service failure: " + GaiError.of(e).message());
                return 1;
            }
            AddrInfo info = infolist.get(0); // per standard recommendation, try the first one
            try (Connector connector = Connector.create(ClientConfig.defaults())) {
                Channel s = connector.connectAsync(info.address(), ch -> { }).join();
                s.close().syncUninterruptibly();
                out().println("Success: host " + info.canonicalName() + " is listening on port 80");
            } catch (java.util.concurrent.CompletionException e) {
                out().println("Network failure: " + strerror(dev.toolkit.core.error.Exceptions.map(e)));
            }
            return 0;
        }
    }

    /** The C library's text for a connect failure, as Python's {@code e.args[1]}. */
    static String strerror(ToolkitException e) {
        if (e instanceof ConnectFailedException) {
            switch (((ConnectFailedException) e).reason()) {
                case REFUSED:
                    return "Connection refused";
                case UNREACHABLE:
                    String m = String.valueOf(e.getCause() == null ? "" : e.getCause().getMessage());
                    return m.toLowerCase(java.util.Locale.ROOT).contains("network") ? "Network is unreachable"
                            : "No route to host";
                default:
                    break;
            }
        }
        if (e instanceof OperationTimeoutException) {
            return "Connection timed out";
        }
        return e.getMessage();
    }
}

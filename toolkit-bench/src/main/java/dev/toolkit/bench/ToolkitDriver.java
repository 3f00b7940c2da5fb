package dev.toolkit.bench;

import dev.toolkit.core.error.Backoff;
import dev.toolkit.udp.Datagram;
import dev.toolkit.udp.RequestClient;
import dev.toolkit.udp.RequestConfig;
import dev.toolkit.udp.RequestProtocol;
import dev.toolkit.udp.UdpClientConfig;
import dev.toolkit.udp.UdpConfig;
import dev.toolkit.udp.UdpServer;
import dev.toolkit.udp.UdpServerConfig;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The toolkit's request server (echo) and request client on loopback, with its defaults otherwise. */
final class ToolkitDriver implements Driver {

    static final String SERVER_THREADS = "bench-toolkit-server";

    private final UdpServer server;
    private final RequestClient client;

    /** With the default receive size (65,535 bytes). */
    ToolkitDriver() {
        this(UdpConfig.DEFAULT_MAX_DATAGRAM_SIZE);
    }

    /** With {@code maxDatagramSize} as the receive size of both sockets. */
    ToolkitDriver(int maxDatagramSize) {
        UdpConfig socket = UdpConfig.builder().maxDatagramSize(maxDatagramSize).build();
        server = UdpServer.bind(UdpServerConfig.builder().host("127.0.0.1").name(SERVER_THREADS).socket(socket)
                .build(), RequestProtocol.server(Datagram::data));
        // one attempt of 100 ms, as the baseline's time-out: a lost datagram costs both the same
        Backoff once = Backoff.builder().initial(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(100))
                .maxAttempts(1).build();
        client = RequestClient.open(UdpClientConfig.builder().remote(server.localAddress()).connected(true)
                .socket(socket).name("bench-toolkit-client").build(), RequestConfig.builder().backoff(once).build());
    }

    @Override
    public String name() {
        return "toolkit";
    }

    @Override
    public CompletableFuture<byte[]> request(byte[] payload) {
        return client.requestAsync(payload);
    }

    @Override
    public String serverThreadPrefix() {
        return SERVER_THREADS + "-";
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}

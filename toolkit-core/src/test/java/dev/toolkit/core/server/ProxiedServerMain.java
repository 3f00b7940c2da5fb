package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.ProxyProtocol;
/**
 * A server process for tests behind a real load balancer: serves {@link ClientAddressProtocol} on 127.0.0.1
 * with the PROXY protocol required, prints {@code port N} once it listens, and runs until killed.
 */
public final class ProxiedServerMain {

    private ProxiedServerMain() {
    }

    /** Starts the server; no arguments. */
    public static void main(String[] args) throws InterruptedException {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .proxyProtocol(ProxyProtocol.REQUIRED).name("proxied-" + ProcessHandle.current().pid()).build();
        RunningServer<ConnectionMetrics> server = Servers.start(config, new ClientAddressProtocol());
        System.out.println("port " + server.localAddress().getPort());
        server.awaitClosed();
    }
}

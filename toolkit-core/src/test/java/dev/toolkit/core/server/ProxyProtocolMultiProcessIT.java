package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.pipeline.ProxyProtocol;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PROXY protocol setting reaches multi-process workers, which then name the proxied client. */
class ProxyProtocolMultiProcessIT {

    @Test
    void workerProcessesReadTheHeader() throws Exception {
        ServerConfig config = ServerConfig.builder().architecture(Architecture.MULTI_PROCESS).processes(2)
                .proxyProtocol(ProxyProtocol.REQUIRED).build();
        try (RunningServer<ConnectionMetrics> server = Servers.start(config, new ClientAddressProtocol())) {
            int port = server.localAddress().getPort();
            Set<String> pids = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                try (LineClient client = new LineClient(server.localAddress())) {
                    client.send("PROXY TCP4 192.0.2.33 127.0.0.1 " + (40000 + i) + " " + port + "\r\nwho?\n");
                    String[] answer = client.readLine().split(" ");
                    assertEquals("192.0.2.33:" + (40000 + i), answer[1]);
                    pids.add(answer[0]);
                }
            }
            assertTrue(!pids.contains(String.valueOf(ProcessHandle.current().pid())), "answered by workers: " + pids);
        }
    }
}

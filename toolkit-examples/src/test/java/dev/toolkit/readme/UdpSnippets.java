package dev.toolkit.readme;

import dev.toolkit.udp.Datagram;
import dev.toolkit.udp.RequestClient;
import dev.toolkit.udp.RequestConfig;
import dev.toolkit.udp.RequestProtocol;
import dev.toolkit.udp.UdpClient;
import dev.toolkit.udp.UdpClientConfig;
import dev.toolkit.udp.UdpServer;
import dev.toolkit.udp.UdpServerConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The README's toolkit-udp example; {@link ReadmeExamplesTest} runs it. */
final class UdpSnippets {

    private UdpSnippets() {
    }

    /** Prints the reply of the datagram server and the echoed request. */
    static void clientsAndServers() throws InterruptedException {
        // README: udp
        // a server: one socket, one event loop thread; the handler must not block
        UdpServer server = UdpServer.bind(UdpServerConfig.builder().host("127.0.0.1").port(0).build(),
                (datagram, out) -> out.replyAsync(datagram, ("Your data was " + datagram.length() + " bytes long")
                        .getBytes(StandardCharsets.US_ASCII)));

        // a client: connected or not; receive() waits for the next datagram
        try (UdpClient client = UdpClient.open(UdpClientConfig.builder().remote(server.localAddress()).connected(true).build())) {
            client.send("hello".getBytes(StandardCharsets.US_ASCII));
            Datagram reply = client.receive(Duration.ofSeconds(2));
            System.out.println(reply.text());
        }

        // request/response: IDs match replies to requests, time-outs back off (0.1 s doubling, give up past 2 s)
        UdpServer echo = UdpServer.bind(UdpServerConfig.builder().host("127.0.0.1").build(),
                RequestProtocol.server(request -> request.data()));
        try (RequestClient client = RequestClient.open(UdpClientConfig.builder().remote(echo.localAddress()).build(),
                RequestConfig.defaults())) {
            byte[] reply = client.request("ping".getBytes(StandardCharsets.US_ASCII)); // or requestAsync(payload): a future
            System.out.println(new String(reply, StandardCharsets.US_ASCII));
        }
        echo.close();
        server.close();
        // README: end
    }
}

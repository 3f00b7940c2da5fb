package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.testing.ProxyHeaders;
import dev.toolkit.core.pipeline.ProxyProtocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The PROXY protocol on real loopback sockets, under every in-process architecture. */
class ProxyProtocolLoopbackTest {

    private static RunningServer<ConnectionMetrics> start(Architecture architecture) {
        return Servers.start(ServerConfig.builder().architecture(architecture).proxyProtocol(ProxyProtocol.REQUIRED)
                .build(), new ClientAddressProtocol());
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void version1And2HeadersNameTheClient(Architecture architecture) throws IOException {
        try (RunningServer<ConnectionMetrics> server = start(architecture)) {
            int port = server.localAddress().getPort();
            try (LineClient client = new LineClient(server.localAddress())) {
                client.send("PROXY TCP4 203.0.113.7 127.0.0.1 40000 " + port + "\r\nwho?\n");
                assertEquals(ProcessHandle.current().pid() + " 203.0.113.7:40000", client.readLine());
                client.send("again?\n");
                assertEquals(ProcessHandle.current().pid() + " 203.0.113.7:40000", client.readLine());
            }
            try (Socket socket = connect(server.localAddress())) {
                byte[] header = ProxyHeaders.v2Tcp4(new int[] {198, 51, 100, 20}, 65000,
                        new int[] {127, 0, 0, 1}, port);
                socket.getOutputStream().write(header);
                socket.getOutputStream().write("who?\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(ProcessHandle.current().pid() + " 198.51.100.20:65000\n", readAll(socket, '\n'));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void aConnectionWithoutHeaderIsClosed(Architecture architecture) throws IOException {
        try (RunningServer<ConnectionMetrics> server = start(architecture);
             Socket socket = connect(server.localAddress())) {
            socket.getOutputStream().write("who?\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("", readAll(socket, '\n'), "closed without an answer");
        }
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(10_000);
        socket.connect(address, 10_000);
        return socket;
    }

    /** Reads up to and including {@code end}, or to the end of the stream. */
    private static String readAll(Socket socket, char end) throws IOException {
        StringBuilder text = new StringBuilder();
        InputStream in = socket.getInputStream();
        int b;
        while ((b = in.read()) >= 0) {
            text.append((char) b);
            if (b == end) {
                break;
            }
        }
        return text.toString();
    }
}

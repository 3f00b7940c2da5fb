package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.framing.ChunkedLinesProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Framing switched mid-connection ({@link ChunkedLinesProtocol}: lines, then a BDAT-style chunk, then lines)
 * over real sockets under every architecture that serves in this JVM, the stream sent in one write (the
 * boundary and the bytes after it in one read) and then byte by byte.
 */
class FramingSwitchLoopbackTest {

    static final String WIRE = "HELO x\r\nBDAT 13\r\nnot\r\na line\r\nQUIT\r\nBDAT 3\r\nabcend\r\n";
    static final String ANSWERS = "line HELO x\r\nchunk not\r\na line\r\n\r\nline QUIT\r\nchunk abc\r\nline end\r\n";

    private final List<RunningServer<ConnectionMetrics>> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        servers.forEach(RunningServer<ConnectionMetrics>::close);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void bytesAfterTheBoundaryReachTheNewFraming(Architecture architecture) throws IOException {
        RunningServer<ConnectionMetrics> server = Servers.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .architecture(architecture).name("switch-" + architecture).build(), new ChunkedLinesProtocol());
        servers.add(server);
        assertEquals(ANSWERS, converse(server.localAddress(), WIRE.length()));
        assertEquals(ANSWERS, converse(server.localAddress(), 1));
    }

    /** Sends {@link #WIRE} in writes of {@code chunk} bytes, half-closes, and reads the answers to the end. */
    static String converse(InetSocketAddress address, int chunk) throws IOException {
        byte[] wire = WIRE.getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            socket.connect(address, 20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            for (int i = 0; i < wire.length; i += chunk) {
                out.write(wire, i, Math.min(chunk, wire.length - i));
                out.flush();
            }
            // Read until every answer came; the server does not close first.
            byte[] buf = new byte[1024];
            while (answers.size() < ANSWERS.length()) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                answers.write(buf, 0, n);
            }
            return answers.toString(StandardCharsets.ISO_8859_1);
        }
    }
}

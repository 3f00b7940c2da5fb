package dev.toolkit.bench.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baseline answers like an HTTP/1.1 server: the fixed body, its length, a Date, keep-alive as asked. */
class NettyHttpBaselineServerTest {

    private static NettyHttpBaselineServer server;

    @BeforeAll
    static void start() {
        server = NettyHttpBaselineServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersEveryRequestWithTheFixedBody() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://127.0.0.1:" + server.localAddress().getPort() + "/anything?x=1");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(NettyHttpBaselineServer.BODY, response.body());
            assertEquals("text/plain; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
            assertEquals("13", response.headers().firstValue("content-length").orElseThrow());
            assertTrue(response.headers().firstValue("date").orElseThrow().endsWith(" GMT"));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAndHttp10IsClosedUnlessKeptAlive() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.localAddress().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                    + "GET /3 HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = new String(readToEnd(socket.getInputStream()), StandardCharsets.US_ASCII);
            String[] responses = all.split("(?=HTTP/1\\.)");
            assertEquals(3, responses.length, all);
            assertTrue(responses[0].startsWith("HTTP/1.1 200 OK\r\n"), all);
            assertTrue(responses[1].startsWith("HTTP/1.0 200 OK\r\n"), all);
            assertTrue(responses[1].contains("connection: keep-alive\r\n"), all);
            assertTrue(responses[2].contains("connection: close\r\n"), all);
            assertTrue(responses[2].endsWith("\r\n\r\n" + NettyHttpBaselineServer.BODY), all);
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}

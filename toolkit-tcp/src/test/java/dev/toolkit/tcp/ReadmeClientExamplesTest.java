package dev.toolkit.tcp;

import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.server.RunningServer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's client examples, run against a line server that answers each line upper-cased. */
class ReadmeClientExamplesTest {

    private final RunningServer server = TcpServer.bind(channel -> {
        Framing.lines(1024).addTo(channel.pipeline());
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf line = (ByteBuf) msg;
                String text = line.toString(StandardCharsets.UTF_8);
                line.release();
                ctx.writeAndFlush(text.toUpperCase(Locale.ROOT));
            }
        });
    });
    private final int port = server.localAddress().getPort();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void usingToolkitCoreClients() {
        String answer;
        // README: core-clients
        try (TcpClient client = TcpClient.open(TcpClientConfig.builder()
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30)).build());
             TcpConnection connection = client.connect("127.0.0.1", port, Framing.lines(1024))) {
            connection.send("HELLO");
            String reply = connection.receive(String.class);
            // README: end
            answer = reply;
        }
        assertEquals("HELLO", answer);
    }

    @Test
    void usingToolkitTcpClient() {
        String first;
        String second;
        String third;
        // README: tcp-client
        try (TcpClient client = TcpClient.create();
             TcpConnection c = client.connect("127.0.0.1", port, Framing.lines(1024))) {
            c.send("HELLO");                                      // a String through the line framer, CRLF-ended
            String reply = c.receive(String.class);               // exactly one line, without its end
            CompletableFuture<String> a = c.requestAsync("ONE", String.class);   // pipelined: answered in order
            CompletableFuture<String> b = c.requestAsync("TWO", String.class);
            // README: end
            first = reply;
            second = a.join();
            third = b.join();
        }
        assertEquals("HELLO", first);
        assertEquals("ONE", second);
        assertEquals("TWO", third);
    }
}

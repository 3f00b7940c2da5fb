package dev.toolkit.tcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolkit.core.error.ConnectionClosedException;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.error.UnexpectedMessageException;
import dev.toolkit.core.framing.Framer;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.server.RunningServer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The toolkit's client against the toolkit's servers, with each framing, over loopback. */
class TcpClientMessagesTest {

    private final TcpClient client = TcpClient.open(TcpClientConfig.builder().readTimeout(Duration.ofSeconds(20))
            .build());
    private final List<RunningServer> servers = new ArrayList<>();

    @AfterEach
    void close() {
        client.close();
        servers.forEach(RunningServer::close);
    }

    /** Sends every frame back as it came, so that any message type the framing decodes travels both ways. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }

    record Order(String item, int quantity) {
    }

    private TcpConnection echo(Framer framing) {
        RunningServer server = TcpServer.bind(channel -> {
            framing.addTo(channel.pipeline());
            channel.pipeline().addLast(new Echo());
        });
        servers.add(server);
        return client.connect("127.0.0.1", server.localAddress().getPort(), framing);
    }

    @Test
    void linesTravelAsStringsAndEmptyLinesAreKept() {
        try (TcpConnection c = echo(Framing.lines(1024))) {
            c.send("HELLO");
            c.send("");
            c.send("caf\u00e9".getBytes(StandardCharsets.UTF_8));
            assertEquals("HELLO", c.receive(String.class));
            assertEquals("", c.receive(String.class));
            Object raw = c.receive();
            ByteBuf frame = assertInstanceOf(ByteBuf.class, raw, "receive() returns the frame as the framer made it");
            assertEquals("caf\u00e9", frame.toString(StandardCharsets.UTF_8));
            frame.release();
            assertEquals("world", c.request("world", String.class));
        }
    }

    @Test
    void lengthPrefixedFramesIncludingEmptyOnes() {
        try (TcpConnection c = echo(Framing.lengthPrefix(4, 64 * 1024))) {
            byte[] block = new byte[40_000];
            block[39_999] = 9;
            c.send(block);
            c.send(new byte[0]);
            c.send("text".getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(block, c.receive(byte[].class));
            assertArrayEquals(new byte[0], c.receive(byte[].class));
            assertEquals("text", c.receive(String.class));
        }
    }

    @Test
    void jsonTreesAndTypedObjects() {
        try (TcpConnection c = echo(Framing.json(4096))) {
            c.send(new Order("tea", 2));
            assertEquals(new Order("tea", 2), c.receive(Order.class));
            c.send(Map.of("item", "cake", "quantity", 1));
            JsonNode tree = assertInstanceOf(JsonNode.class, c.receive());
            assertEquals("cake", tree.get("item").asText());
            assertEquals(new Order("jam", 5), c.request(new Order("jam", 5), Order.class));
            c.send(List.of(1, 2));
            UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class, () -> c.receive(Order.class));
            assertTrue(e.getMessage().contains(Order.class.getName()), e.getMessage());
            assertEquals(List.of(1, 2), c.receive(List.class), "the message that did not bind is still there");
        }
    }

    @Test
    void typedObjectsBindWithTheFramersOwnMapper() {
        ObjectMapper lenient = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Map<String, Object> withNote = Map.of("item", "tea", "quantity", 2, "note", "hot");
        try (TcpConnection c = echo(Framing.jsonLines(4096, lenient))) {
            c.send(withNote);
            assertEquals(new Order("tea", 2), c.receive(Order.class), "an unknown property is ignored, as configured");
            assertEquals(new Order("tea", 2), c.request(withNote, Order.class));
        }
        try (TcpConnection c = echo(Framing.jsonLines(4096))) {
            c.send(withNote);
            UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class, () -> c.receive(Order.class));
            assertTrue(e.getMessage().contains("note"), "the default mapper refuses it: " + e.getMessage());
        }
    }

    @Test
    void textThroughALengthPrefixIsSentAsUtf8() {
        try (TcpConnection c = echo(Framing.lengthPrefix(2, 1024))) {
            c.send("caf\u00e9");
            assertArrayEquals("caf\u00e9".getBytes(StandardCharsets.UTF_8), c.receive(byte[].class));
            assertEquals("ok", c.request("ok", String.class));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        try (TcpConnection c = echo(Framing.lines(64))) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                answers.add(c.requestAsync("request " + i, String.class));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("request " + i, answers.get(i).orTimeout(20, TimeUnit.SECONDS).join());
            }
        }
    }

    @Test
    void pipelinedRequestsFromSeveralThreadsEachGetTheirOwnAnswer() throws Exception {
        try (TcpConnection c = echo(Framing.lines(64))) {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < 100; i++) {
                            String q = id + ":" + i;
                            assertEquals(q, c.request(q, String.class));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void aCancelledRequestStillTakesItsAnswerSoLaterOnesStayMatched() {
        try (TcpConnection c = echo(Framing.lengthPrefix(2, 1024))) {
            CompletableFuture<Object> abandoned = c.requestAsync(new byte[] {1});
            if (!abandoned.cancel(false)) {
                io.netty.util.ReferenceCountUtil.release(abandoned.join()); // answered before the cancel
            }
            assertArrayEquals(new byte[] {2}, c.request(new byte[] {2}, byte[].class),
                    "the first answer went to the cancelled request (and was released), not to this one");
        }
    }

    @Test
    void aMessageNoEncoderTakesIsRefusedNamingItsTypeAndTheConnectionStaysUsable() {
        RunningServer server = TcpServer.bind(channel -> channel.pipeline().addLast(new Echo()));
        servers.add(server);
        try (TcpConnection c = client.connect("127.0.0.1", server.localAddress().getPort())) {
            UnexpectedMessageException e = assertThrows(UnexpectedMessageException.class, () -> c.send("text"));
            assertEquals("java.lang.String", e.messageType());
            assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
            CompletionException async = assertThrows(CompletionException.class,
                    () -> c.requestAsync(new Order("tea", 1)).join());
            assertInstanceOf(UnexpectedMessageException.class, async.getCause());
            c.sendAll("bytes".getBytes(StandardCharsets.US_ASCII));
            assertEquals("bytes", new String(c.receiveExactly(5), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theServerClosingFailsPendingRequestsAndEndsReceiving() {
        RunningServer server = TcpServer.bind(channel -> {
            Framing.lines(64).addTo(channel.pipeline());
            // Answers the first line; closes at the second without answering it. Closing only once both were
            // read leaves nothing unread, so the close is a FIN, never a reset that could overtake the answer.
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                private int lines;

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    io.netty.util.ReferenceCountUtil.release(msg);
                    if (++lines == 1) {
                        ctx.writeAndFlush("bye");
                    } else {
                        ctx.close();
                    }
                }
            });
        });
        servers.add(server);
        try (TcpConnection c = client.connect("127.0.0.1", server.localAddress().getPort(), Framing.lines(64))) {
            CompletableFuture<String> answered = c.requestAsync("one", String.class);
            CompletableFuture<String> unanswered = c.requestAsync("two", String.class);
            assertEquals("bye", answered.join());
            CompletionException e = assertThrows(CompletionException.class, unanswered::join);
            assertInstanceOf(ConnectionClosedException.class, e.getCause());
            assertNull(c.receive(String.class), "the end of input");
        }
    }

    @Test
    void blockingCallsAreRefusedOnAnEventLoop() throws Exception {
        try (TcpConnection c = echo(Framing.lines(64))) {
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            c.channel().eventLoop().execute(() -> {
                try {
                    c.receive(String.class);
                    refused.complete(null);
                } catch (Throwable e) {
                    refused.complete(e);
                }
            });
            assertInstanceOf(IllegalStateException.class, refused.get(10, TimeUnit.SECONDS));
            CompletableFuture<Throwable> connect = new CompletableFuture<>();
            c.channel().eventLoop().execute(() -> {
                try {
                    client.connect(c.remoteAddress(), Framing.lines(64));
                    connect.complete(null);
                } catch (Throwable e) {
                    connect.complete(e);
                }
            });
            assertInstanceOf(IllegalStateException.class, connect.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void anInterruptedReceiveKeepsTheFlagAndSaysWhatItWaitedFor() throws Exception {
        try (TcpConnection c = echo(Framing.lines(64))) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    c.receive(String.class);
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost", e));
                }
            });
            waiter.start();
            waiter.interrupt();
            Throwable e = outcome.get(10, TimeUnit.SECONDS);
            ToolkitException interrupted = assertInstanceOf(dev.toolkit.core.error.InterruptedOperationException.class, e);
            assertTrue(interrupted.getMessage().contains("receiving from"), interrupted.getMessage());
        }
    }
}

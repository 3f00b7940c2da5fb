package dev.toolkit.core.server;

import dev.toolkit.core.observe.ConnectionMetrics;
import dev.toolkit.core.framing.Framing;
import dev.toolkit.core.pipeline.ProtocolDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Answers written, flushed and closed from threads other than the one serving the connection, as a message
 * store or a backend completing a {@code CompletableFuture} does, under every architecture that serves in
 * this JVM. No time-out is configured: if the serving thread were not woken when such a write is queued, the
 * client would wait in vain and the test would fail on its read time-out.
 *
 * <p>The protocol: each line {@code N} is answered, in order, by {@link #answer(int)} (a few KiB whose
 * bytes depend on N), computed on a pool thread and written there with {@code write} then a separate
 * {@code flush}; the line {@code bye} is answered {@code bye} and the connection closed, both from a pool
 * thread.
 */
class OffThreadAnswersTest {

    private static final int ANSWERS = 1_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private final ExecutorService backend = Executors.newFixedThreadPool(4);
    private final List<RunningServer<ConnectionMetrics>> servers = new ArrayList<>();
    private final AtomicInteger writesOnServingThread = new AtomicInteger();
    private volatile CompletableFuture<Boolean> lateWrite = new CompletableFuture<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        servers.forEach(RunningServer<ConnectionMetrics>::close);
        backend.shutdownNow();
        backend.awaitTermination(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void thousandConcurrentOffThreadAnswersArriveIntactAndInOrder(Architecture architecture) throws Exception {
        // One client at a time serves one connection; the others serve ten at once.
        int connections = architecture == Architecture.SINGLE_CLIENT ? 1 : 10;
        RunningServer<ConnectionMetrics> server = start(architecture);
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int first = c * (ANSWERS / connections);
                done.add(clients.submit(() -> {
                    converse(server.localAddress(), first, ANSWERS / connections);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2 * READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(0, writesOnServingThread.get(), "answers must have been written from backend threads");
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void aLateAnswerToAClosedConnectionFailsAndIsReleased(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture);
        for (int i = 0; i < 20; i++) {
            lateWrite = new CompletableFuture<>();
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(READ_TIMEOUT_MS);
                socket.connect(server.localAddress(), READ_TIMEOUT_MS);
                socket.getOutputStream().write("late\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                // The server closes; its answer, written after that from a backend thread, must fail.
                assertEquals(-1, socket.getInputStream().read());
            }
            assertEquals(Boolean.FALSE, lateWrite.get(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
    }

    private RunningServer<ConnectionMetrics> start(Architecture architecture) {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).architecture(architecture)
                .threads(10).idleTimeout(null).name("offthread-" + architecture).build();
        RunningServer<ConnectionMetrics> server = Servers.start(config, new BackendProtocol());
        servers.add(server);
        return server;
    }

    /** Asks {@code count} questions from {@code first} at once, then bye; checks every byte of the answers. */
    private static void converse(InetSocketAddress address, int first, int count) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.connect(address, READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            StringBuilder questions = new StringBuilder();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int n = first; n < first + count; n++) {
                questions.append(n).append("\r\n");
                expected.write(answer(n));
            }
            questions.append("bye\r\n");
            expected.write("bye\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(questions.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Read to the end of the stream: the server's off-thread close ends it.
            byte[] received = readAll(socket.getInputStream());
            assertEquals(expected.size(), received.length, "bytes received");
            assertArrayEquals(expected.toByteArray(), received);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            all.write(buf, 0, n);
        }
        return all.toByteArray();
    }

    /** The answer to question {@code n}: "n:" then 1 to 4 KiB of bytes that depend on n, then CRLF. */
    static byte[] answer(int n) {
        byte[] head = (n + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(head, head.length + 1024 * (1 + n % 4) + 2);
        for (int i = head.length; i < bytes.length - 2; i++) {
            bytes[i] = (byte) ('a' + (n + i) % 26);
        }
        bytes[bytes.length - 2] = '\r';
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    /** A protocol whose answers come from a backend, on the backend's threads. */
    final class BackendProtocol implements ProtocolDefinition {
        @Override
        public void initialize(Channel channel) {
            channel.pipeline().addLast(Framing.lines(64).newDecoder(), new BackendHandler());
        }
    }

    final class BackendHandler extends SimpleChannelInboundHandler<ByteBuf> {
        /** Completes once the previous answer was handed to the channel: answers leave in question order. */
        private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            String question = frame.toString(StandardCharsets.US_ASCII);
            if (question.equals("late")) {
                CompletableFuture<Boolean> result = lateWrite;
                ctx.channel().closeFuture().addListener(closed -> backend.execute(() ->
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer(1)))
                                .addListener(written -> result.complete(written.isSuccess()))));
                ctx.close();
                return;
            }
            CompletableFuture<byte[]> computed = CompletableFuture.supplyAsync(() -> {
                if (ThreadLocalRandom.current().nextInt(8) == 0) {
                    Thread.yield();
                }
                return question.equals("bye") ? "bye\r\n".getBytes(StandardCharsets.US_ASCII)
                        : answer(Integer.parseInt(question));
            }, backend);
            previous = previous.thenCombineAsync(computed, (ignored, bytes) -> {
                Channel channel = ctx.channel();
                if (channel.eventLoop().inEventLoop()) {
                    writesOnServingThread.incrementAndGet();
                }
                if (question.equals("bye")) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
                    channel.close();
                } else {
                    // Half the answers in two pieces, written then flushed apart.
                    int cut = bytes.length / 2;
                    ctx.write(Unpooled.wrappedBuffer(bytes, 0, cut));
                    ctx.write(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
                    channel.flush();
                }
                return null;
            }, backend);
        }
    }
}

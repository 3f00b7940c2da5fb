package dev.toolkit.core.server;

import dev.toolkit.core.pipeline.ProtocolDefinition;
import dev.toolkit.core.error.ErrorKind;
import dev.toolkit.core.error.ToolkitException;
import dev.toolkit.core.observe.ConnectionMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every server architecture on loopback, serving one small protocol defined once: questions end with '?',
 * the answer is the question upper-cased and ended with '.'. "flood?" makes the server write 64 MiB without
 * looking at writability; "big?" makes it write 8 MiB while the connection is writable, then '.';
 * "bigshut?" makes it queue 8 MiB and '.' at once and shut its output down; "shut?" makes it
 * answer "bye." then shut down its output; at the end of the client's input it answers "eof." and closes (or
 * only closes when its output is already shut).
 */
class ServerArchitecturesTest {

    private static final int TIMEOUT_MS = 20_000;
    private static final int FLOOD_CHUNK = 64 * 1024;
    private static final int FLOOD_CHUNKS = 1024;
    private static final int BIG_CHUNKS = 128;
    private static final int BIG_SHUT_CHUNKS = 128;

    private final List<RunningServer<ConnectionMetrics>> servers = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final AnswerProtocol protocol = new AnswerProtocol();

    @AfterEach
    void tearDown() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        for (RunningServer<ConnectionMetrics> server : servers) {
            server.close();
        }
    }

    // ---- the protocol under test

    static final class AnswerProtocol implements ProtocolDefinition {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final BlockingQueue<SocketAddress> remotes = new LinkedBlockingQueue<>();
        final BlockingQueue<Boolean> duplex = new LinkedBlockingQueue<>();

        @Override
        public void initialize(Channel channel) {
            channel.pipeline().addLast(
                    new DelimiterBasedFrameDecoder(1024, Unpooled.wrappedBuffer(new byte[] {'?'})),
                    new AnswerHandler(this));
        }
    }

    static final class AnswerHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private static final byte[] CHUNK = new byte[FLOOD_CHUNK];
        private final AnswerProtocol protocol;
        private int bigChunksLeft;
        private boolean shutWhenSent;

        AnswerHandler(AnswerProtocol protocol) {
            this.protocol = protocol;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            protocol.remotes.add(ctx.channel().remoteAddress());
            protocol.duplex.add(ctx.channel() instanceof DuplexChannel);
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            String question = frame.toString(StandardCharsets.US_ASCII);
            protocol.received.add(question);
            switch (question) {
                case "flood":
                    // A careless protocol: ignores writability; only the pending-bytes bound stops it.
                    for (int i = 0; i < FLOOD_CHUNKS && ctx.channel().isActive(); i++) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(CHUNK));
                    }
                    break;
                case "big":
                    bigChunksLeft = BIG_CHUNKS;
                    pump(ctx);
                    break;
                case "bigshut":
                    // All queued at once, then shut down with bytes still queued: they must be sent first.
                    for (int i = 0; i < BIG_SHUT_CHUNKS; i++) {
                        ctx.write(Unpooled.wrappedBuffer(CHUNK));
                    }
                    ctx.writeAndFlush(ascii("."));
                    ((DuplexChannel) ctx.channel()).shutdownOutput();
                    break;
                case "shut":
                    ctx.writeAndFlush(ascii("bye."))
                            .addListener(f -> ((DuplexChannel) ctx.channel()).shutdownOutput());
                    break;
                default:
                    ctx.writeAndFlush(ascii(question.toUpperCase(Locale.ROOT) + "."));
            }
        }

        /** Writes while the connection is writable, as a protocol that respects back-pressure does. */
        private void pump(ChannelHandlerContext ctx) {
            while (bigChunksLeft > 0 && ctx.channel().isWritable()) {
                bigChunksLeft--;
                ctx.write(Unpooled.wrappedBuffer(CHUNK));
                if (bigChunksLeft == 0) {
                    ctx.write(ascii("."));
                }
            }
            ctx.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (ctx.channel().isWritable() && bigChunksLeft > 0) {
                pump(ctx);
            }
            super.channelWritabilityChanged(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof ChannelInputShutdownEvent) {
                if (((DuplexChannel) ctx.channel()).isOutputShutdown()) {
                    ctx.close();
                } else {
                    ctx.writeAndFlush(ascii("eof.")).addListener(ChannelFutureListener.CLOSE);
                }
            }
            super.userEventTriggered(ctx, evt);
        }
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    // ---- helpers

    private RunningServer<ConnectionMetrics> start(Architecture architecture, ServerConfig.Builder builder) {
        RunningServer<ConnectionMetrics> server = Servers.start(builder.architecture(architecture).name("test-" + architecture)
                .build(), protocol);
        servers.add(server);
        assertEquals(architecture, server.architecture());
        return server;
    }

    private RunningServer<ConnectionMetrics> start(Architecture architecture) {
        return start(architecture, ServerConfig.builder());
    }

    private Socket connect(RunningServer<ConnectionMetrics> server) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.setSoTimeout(TIMEOUT_MS);
        s.connect(server.localAddress(), TIMEOUT_MS);
        return s;
    }

    /** A client with a small receive buffer, so that the server's writes back up quickly. */
    private Socket connectSlowReader(RunningServer<ConnectionMetrics> server) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.setReceiveBufferSize(16 * 1024);
        s.setSoTimeout(TIMEOUT_MS);
        s.connect(server.localAddress(), TIMEOUT_MS);
        return s;
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** Reads up to and including the next '.', or what came before the end of input. */
    static String readAnswer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            sb.append((char) b);
            if (b == '.') {
                break;
            }
        }
        return sb.toString();
    }

    private static String readToEnd(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.getInputStream().transferTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Reads a big answer: {@code chunks} chunks of zeros, then '.'. */
    private static void readBigAnswer(Socket s, int chunks) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[FLOOD_CHUNK];
        long left = (long) FLOOD_CHUNK * chunks;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            assertTrue(n > 0, "the answer ended early, " + left + " bytes short");
            for (int i = 0; i < n; i++) {
                assertEquals(0, buf[i]);
            }
            left -= n;
        }
        assertEquals('.', in.read());
    }

    static String ask(Socket s, String question) throws IOException {
        send(s, question + "?");
        return readAnswer(s);
    }

    /** Whether the server closed the connection: end of input, or a reset. */
    static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Conditions.await(what, Duration.ofMillis(TIMEOUT_MS), condition);
    }

    // ---- tests

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void servesConcurrentClients(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture);
        int clients = 20;
        // One client at a time can only be served one after the other.
        ExecutorService pool = Executors.newFixedThreadPool(architecture == Architecture.SINGLE_CLIENT ? 1 : clients);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    try (Socket s = connect(server)) {
                        for (int r = 0; r < 3; r++) {
                            assertEquals("C" + client + "R" + r + ".", ask(s, "c" + client + "r" + r));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ConnectionMetrics m = server.metrics();
        await("every connection is closed", () -> m.connectionsOpen() == 0);
        assertEquals(clients, m.connectionsTotal());
        assertEquals(clients * 3, m.exchangesCompleted());
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void countsConnectionsAndBytesAndReportsRealAddresses(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture);
        Socket s = connect(server);
        assertEquals("AB.", ask(s, "ab"));
        assertEquals("CDE.", ask(s, "cde"));
        s.close();

        ConnectionMetrics m = server.metrics();
        await("the connection is closed", () -> m.connectionsOpen() == 0);
        assertEquals(1, m.connectionsTotal());
        assertEquals(7, m.bytesIn());
        assertEquals(7, m.bytesOut());
        assertEquals(0, m.connectionsRejected());
        assertTrue(m.errorsByKind().isEmpty(), m.errorsByKind().toString());
        InetSocketAddress remote = assertInstanceOf(InetSocketAddress.class, protocol.remotes.poll());
        assertEquals(s.getLocalPort(), remote.getPort());
        assertEquals(Boolean.TRUE, protocol.duplex.poll());
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void answersAfterTheClientHalfCloses(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().allowHalfClosure(true));
        Socket s = connect(server);
        send(s, "a?b?");
        s.shutdownOutput();
        assertEquals("A.B.eof.", readToEnd(s));
        await("the connection is closed", () -> server.metrics().connectionsOpen() == 0);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void keepsReadingAfterShuttingDownItsOutput(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().allowHalfClosure(true));
        Socket s = connect(server);
        send(s, "shut?");
        assertEquals("bye.", readToEnd(s), "the server's output ended after its answer");
        send(s, "late?");
        s.shutdownOutput();
        assertEquals("shut", protocol.received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals("late", protocol.received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        await("the connection is closed", () -> server.metrics().connectionsOpen() == 0);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void closesConnectionsBeyondTheLimitAtOnce(Architecture architecture) throws Exception {
        // One client at a time never has two connections open: the limit cannot be reached there. Every
        // connection comes from 127.0.0.1, so the per-address limit (by default an eighth of the total) is off.
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().maxConnections(2).maxConnectionsPerIp(0)
                .threads(4));
        Socket a = connect(server);
        Socket b = connect(server);
        assertEquals("A.", ask(a, "a"));
        assertEquals("B.", ask(b, "b"));
        Socket extra = connect(server);
        assertTrue(closedByServer(extra));
        assertEquals(1, server.metrics().connectionsRejected());
        assertEquals("A2.", ask(a, "a2"));
        assertEquals(2, server.metrics().connectionsOpen());
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void closesConnectionsBeyondThePerAddressLimit(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().maxConnectionsPerIp(1));
        Socket a = connect(server);
        assertEquals("A.", ask(a, "a"));
        Socket second = connect(server);
        assertTrue(closedByServer(second));
        assertEquals(1, server.metrics().connectionsRejected());
        second.close();
        a.close();
        await("the first connection is closed", () -> server.metrics().connectionsOpen() == 0);
        Socket again = connect(server);
        assertEquals("C.", ask(again, "c"), "the address may connect again");
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void idleTimeOutClosesASilentConnection(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().idleTimeout(Duration.ofMillis(200)));
        Socket s = connect(server);
        assertTrue(closedByServer(s));
        await("the time-out is counted", () -> server.metrics().errors(ErrorKind.TIMEOUT) == 1);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void keepsServingWhenAClientLeavesInTheMiddleOfAFrame(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture);
        Socket quitter = connect(server);
        send(quitter, "half a quest");
        quitter.close();
        Socket other = connect(server);
        assertEquals("FINE.", ask(other, "fine"));
        await("the cut exchange is reported", () -> server.metrics().errors(ErrorKind.CLOSED) == 1);
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void gracefulShutdownFinishesExchangesInProgress(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture);
        ConnectionMetrics m = server.metrics();
        Socket idle = null;
        if (architecture != Architecture.SINGLE_CLIENT) {
            idle = connect(server);
            assertEquals("X.", ask(idle, "x"));
        }
        long before = m.bytesIn();
        Socket busy = connect(server);
        send(busy, "fir");
        await("the first half of the question is read", () -> m.bytesIn() == before + 3);

        Thread stopper = new Thread(() -> server.closeGracefully(Duration.ofSeconds(60)));
        stopper.start();
        if (idle != null) {
            assertTrue(closedByServer(idle), "an idle connection is closed at once");
        }
        InetSocketAddress address = server.localAddress();
        await("new connections are refused", () -> {
            try (Socket probe = new Socket()) {
                probe.connect(address, TIMEOUT_MS);
                return false;
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });

        send(busy, "st?");
        assertEquals("FIRST.", readAnswer(busy), "the exchange that was in progress got its whole answer");
        assertTrue(closedByServer(busy), "then the connection was closed");
        stopper.join(TIMEOUT_MS);
        assertFalse(stopper.isAlive(), "the server stopped without waiting for the grace period");
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SELECTOR", "EVENT_LOOP"})
    void boundsTheBytesQueuedForAPeerThatDoesNotRead(Architecture architecture) throws Exception {
        int maxPending = 1024 * 1024;
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder()
                .writeBufferWaterMark(32 * 1024, 64 * 1024).maxPendingWriteBytes(maxPending));
        Socket s = connectSlowReader(server);
        send(s, "flood?");
        ConnectionMetrics m = server.metrics();
        await("the overflow is reported and the connection closed",
                () -> m.errors(ErrorKind.IO) == 1 && m.connectionsOpen() == 0);
        assertTrue(m.bytesOut() < (long) FLOOD_CHUNK * FLOOD_CHUNKS, "the flood was cut short: " + m.bytesOut());
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void streamsALargeAnswerUnderBackPressure(Architecture architecture) throws Exception {
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().writeBufferWaterMark(32 * 1024, 64 * 1024)
                .maxPendingWriteBytes(256 * 1024));
        Socket s = connectSlowReader(server);
        send(s, "big?");
        readBigAnswer(s, BIG_CHUNKS);
        assertEquals("AFTER.", ask(s, "after"), "reading resumed after the back-pressure");
        assertTrue(server.metrics().errorsByKind().isEmpty(), server.metrics().errorsByKind().toString());
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR"})
    void shutdownOutputSendsWhatIsQueuedFirst(Architecture architecture) throws Exception {
        // Netty's own transports fail writes still queued at shutdownOutput(); the blocking and selector
        // channels send them first. Portable protocols shut down from the last write's listener.
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().writeBufferWaterMark(32 * 1024, 64 * 1024)
                .maxPendingWriteBytes(16 * 1024 * 1024).allowHalfClosure(true));
        Socket s = connectSlowReader(server);
        send(s, "bigshut?");
        readBigAnswer(s, BIG_SHUT_CHUNKS);
        assertEquals(-1, s.getInputStream().read(), "then the end of the server's output");
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL"})
    void servesNoMoreClientsAtOnceThanItHasThreads(Architecture architecture) throws Exception {
        int threads = architecture == Architecture.SINGLE_CLIENT ? 1 : 2;
        RunningServer<ConnectionMetrics> server = start(architecture, ServerConfig.builder().threads(threads));
        List<Socket> served = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Socket s = connect(server);
            assertEquals("S" + i + ".", ask(s, "s" + i));
            served.add(s);
        }
        Socket waiting = connect(server);
        send(waiting, "waiting?");
        for (int i = 0; i < threads; i++) {
            assertEquals("T" + i + ".", ask(served.get(i), "t" + i));
        }
        assertFalse(protocol.received.contains("waiting"), "every thread is busy: the last client waits");
        served.get(0).close();
        assertEquals("WAITING.", readAnswer(waiting));
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"SINGLE_CLIENT", "THREAD_POOL", "SELECTOR", "EVENT_LOOP"})
    void refusesToStartOnAPortInUse(Architecture architecture) {
        RunningServer<ConnectionMetrics> first = start(architecture);
        ServerConfig taken = ServerConfig.builder().architecture(architecture)
                .port(first.localAddress().getPort()).build();
        assertThrows(ToolkitException.class, () -> Servers.start(taken, protocol).close());
        assertEquals(0, first.metrics().connectionsTotal());
    }
}
